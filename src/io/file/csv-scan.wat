;; The CSV layout scan of src/io/file/csv-columns.ts (scanLayout, CsvColumns.read) in WebAssembly.
;;
;; scanLayout is the reference: this module gives the same Layout for every input (or -1 where
;; scanLayout gives undefined), which test/unit/csv-scan.test.ts checks on random inputs. Unquoted
;; fields are skipped 16 bytes at a time (128-bit SIMD: compare with the delimiter, LF, CR and the
;; quote, take the first match); quoted fields byte by byte. Built by `npm run build:wasm` (wabt) into
;; csv-scan-wasm.ts, which is committed; the test compiles this file again and compares.
;;
;; Memory (laid out by csv-scan.ts): the file's bytes at 0 followed by 16 readable bytes, then the
;; output arrays, whose places the caller passes. Offsets are byte addresses; arrays are i32 unless
;; said otherwise.
;;   F  fieldStarts: offset of each field's first byte, ~offset when the field is quoted
;;   L  lines: line (1-based) each record starts on
;;   FF firstField: index in F of each record's first field (count + 1 entries)
;;   E  recordEnds: offset just past each record's last field
;;   NB nonBlank (u8): 1 a field is not blank, 0 all blank, 2 a field starts with a byte that may
;;      begin Unicode whitespace (space, tab, C2 for U+00A0, E3 for U+3000): the caller decides
;;   D  doubled: indices in F of quoted fields holding a doubled quote
(module
  (memory (export "memory") 1)
  (global $fields (export "fields") (mut i32) (i32.const 0))
  (global $width (export "width") (mut i32) (i32.const 0))
  (global $doubled (export "doubled") (mut i32) (i32.const 0))
  (global $blankRows (export "blankRows") (mut i32) (i32.const 0))

;; Bytes in [s, e) equal to a or b (an upper bound for the fields: delimiters and LFs; for the records: LFs).
  (func (export "countStops") (param $s i32) (param $e i32) (param $a i32) (param $b i32) (result i32)
    (local $va v128) (local $vb v128) (local $v v128) (local $m i32) (local $c i32)
    (local.set $va (i8x16.splat (local.get $a)))
    (local.set $vb (i8x16.splat (local.get $b)))
    (block $done
      (loop $chunk
        (br_if $done (i32.ge_u (local.get $s) (local.get $e)))
        (local.set $v (v128.load align=1 (local.get $s)))
        (local.set $m (i8x16.bitmask (v128.or (i8x16.eq (local.get $v) (local.get $va)) (i8x16.eq (local.get $v) (local.get $vb)))))
        (if (i32.lt_u (i32.sub (local.get $e) (local.get $s)) (i32.const 16))
          (then (local.set $m (i32.and (local.get $m)
            (i32.sub (i32.shl (i32.const 1) (i32.sub (local.get $e) (local.get $s))) (i32.const 1))))))
        (local.set $c (i32.add (local.get $c) (i32.popcnt (local.get $m))))
        (local.set $s (i32.add (local.get $s) (i32.const 16)))
        (br $chunk)))
    (local.get $c))

  ;; 1 when byte c may start a blank field's whitespace (space, tab, first byte of U+00A0 or U+3000)
  (func $wsStart (param $c i32) (result i32)
    (i32.or (i32.or (i32.eq (local.get $c) (i32.const 32)) (i32.eq (local.get $c) (i32.const 9)))
            (i32.or (i32.eq (local.get $c) (i32.const 0xc2)) (i32.eq (local.get $c) (i32.const 0xe3)))))

  ;; The layout of bytes [i, n) (scanLayout's loop): the number of records, or -1 where the bytes are
  ;; not plain enough (a stray quote, text after a closing quote, an unexpected line ending, an
  ;; unterminated quote). The globals fields, width and doubled give the rest.
  (func (export "scan") (param $i i32) (param $n i32) (param $delim i32) (param $crlf i32)
      (param $F i32) (param $L i32) (param $FF i32) (param $E i32) (param $NB i32) (param $D i32) (result i32)
    (local $count i32) (local $fields i32) (local $line i32) (local $width i32) (local $first i32)
    (local $c i32) (local $blank i32) (local $s i32) (local $m i32) (local $dc i32) (local $dlast i32)
    (local $vd v128) (local $vlf v128) (local $vcr v128) (local $vq v128) (local $v v128)
    (local.set $line (i32.const 1))
    (local.set $dlast (i32.const -1))
    (local.set $vd (i8x16.splat (local.get $delim)))
    (local.set $vlf (i8x16.splat (i32.const 10)))
    (local.set $vcr (i8x16.splat (i32.const 13)))
    (local.set $vq (i8x16.splat (i32.const 34)))
    (block $irregular
      (block $done
        (loop $rec
          (br_if $done (i32.ge_u (local.get $i) (local.get $n)))
          (i32.store (i32.add (local.get $L) (i32.shl (local.get $count) (i32.const 2))) (local.get $line))
          (i32.store (i32.add (local.get $FF) (i32.shl (local.get $count) (i32.const 2))) (local.get $fields))
          (local.set $blank (i32.const 0))
          (local.set $first (local.get $fields))
          (block $endrec
            (loop $field
              (i32.store (i32.add (local.get $F) (i32.shl (local.get $fields) (i32.const 2))) (local.get $i))
              (local.set $fields (i32.add (local.get $fields) (i32.const 1)))
              (local.set $c (if (result i32) (i32.lt_u (local.get $i) (local.get $n))
                (then (i32.load8_u (local.get $i))) (else (i32.const -1))))
              (if (i32.eq (local.get $c) (i32.const 34))
                (then
                  ;; quoted: stored as ~offset
                  (i32.store (i32.add (local.get $F) (i32.shl (i32.sub (local.get $fields) (i32.const 1)) (i32.const 2)))
                    (i32.xor (local.get $i) (i32.const -1)))
                  (local.set $i (i32.add (local.get $i) (i32.const 1)))
                  (local.set $s (local.get $i))
                  (block $closed
                    (loop $q
                      (br_if $irregular (i32.ge_u (local.get $i) (local.get $n)))
                      (local.set $c (i32.load8_u (local.get $i)))
                      (if (i32.eq (local.get $c) (i32.const 34))
                        (then
                          (if (i32.and (i32.lt_u (i32.add (local.get $i) (i32.const 1)) (local.get $n))
                                       (i32.eq (i32.load8_u offset=1 (local.get $i)) (i32.const 34)))
                            (then
                              ;; Once per field (D has room for one entry a field).
                              (if (i32.ne (local.get $dlast) (i32.sub (local.get $fields) (i32.const 1)))
                                (then
                                  (local.set $dlast (i32.sub (local.get $fields) (i32.const 1)))
                                  (i32.store (i32.add (local.get $D) (i32.shl (local.get $dc) (i32.const 2)))
                                    (i32.sub (local.get $fields) (i32.const 1)))
                                  (local.set $dc (i32.add (local.get $dc) (i32.const 1)))))
                              (local.set $blank (i32.const 1))
                              (local.set $i (i32.add (local.get $i) (i32.const 2)))
                              (br $q)))
                          (local.set $i (i32.add (local.get $i) (i32.const 1)))
                          (br $closed)))
                      (if (i32.eq (local.get $c) (i32.const 10))
                        (then (local.set $line (i32.add (local.get $line) (i32.const 1)))))
                      (local.set $i (i32.add (local.get $i) (i32.const 1)))
                      (br $q)))
                  ;; content is [s, i - 1)
                  (if (i32.and (i32.ne (local.get $blank) (i32.const 1))
                               (i32.gt_u (i32.sub (local.get $i) (i32.const 1)) (local.get $s)))
                    (then (local.set $blank
                      (if (result i32) (call $wsStart (i32.load8_u (local.get $s))) (then (i32.const 2)) (else (i32.const 1))))))
                  (local.set $c (if (result i32) (i32.lt_u (local.get $i) (local.get $n))
                    (then (i32.load8_u (local.get $i))) (else (i32.const -1)))))
                (else
                  (local.set $s (local.get $i))
                  (block $found
                    (loop $chunk
                      (br_if $found (i32.ge_u (local.get $i) (local.get $n)))
                      (local.set $v (v128.load align=1 (local.get $i)))
                      (local.set $m (i8x16.bitmask (v128.or
                        (v128.or (i8x16.eq (local.get $v) (local.get $vd)) (i8x16.eq (local.get $v) (local.get $vlf)))
                        (v128.or (i8x16.eq (local.get $v) (local.get $vcr)) (i8x16.eq (local.get $v) (local.get $vq))))))
                      (if (local.get $m)
                        (then
                          (local.set $i (i32.add (local.get $i) (i32.ctz (local.get $m))))
                          (br $found)))
                      (local.set $i (i32.add (local.get $i) (i32.const 16)))
                      (br $chunk)))
                  (if (i32.ge_u (local.get $i) (local.get $n)) (then (local.set $i (local.get $n))))
                  (if (i32.and (i32.ne (local.get $blank) (i32.const 1)) (i32.gt_u (local.get $i) (local.get $s)))
                    (then (local.set $blank
                      (if (result i32) (call $wsStart (i32.load8_u (local.get $s))) (then (i32.const 2)) (else (i32.const 1))))))
                  (local.set $c (if (result i32) (i32.lt_u (local.get $i) (local.get $n))
                    (then (i32.load8_u (local.get $i))) (else (i32.const -1))))))
              (if (i32.eq (local.get $c) (local.get $delim))
                (then (local.set $i (i32.add (local.get $i) (i32.const 1))) (br $field)))
              (i32.store (i32.add (local.get $E) (i32.shl (local.get $count) (i32.const 2))) (local.get $i))
              (br_if $endrec (i32.eq (local.get $c) (i32.const -1)))
              (if (local.get $crlf)
                (then
                  (if (i32.and (i32.eq (local.get $c) (i32.const 13))
                        (i32.and (i32.lt_u (i32.add (local.get $i) (i32.const 1)) (local.get $n))
                                 (i32.eq (i32.load8_u offset=1 (local.get $i)) (i32.const 10))))
                    (then (local.set $i (i32.add (local.get $i) (i32.const 2))) (br $endrec)))
                  (br $irregular))
                (else
                  (if (i32.eq (local.get $c) (i32.const 10))
                    (then (local.set $i (i32.add (local.get $i) (i32.const 1))) (br $endrec)))
                  (br $irregular)))))
          (i32.store8 (i32.add (local.get $NB) (local.get $count)) (local.get $blank))
          (local.set $count (i32.add (local.get $count) (i32.const 1)))
          (local.set $line (i32.add (local.get $line) (i32.const 1)))
          (if (i32.gt_s (i32.sub (local.get $fields) (local.get $first)) (local.get $width))
            (then (local.set $width (i32.sub (local.get $fields) (local.get $first)))))
          (br $rec)))
      (i32.store (i32.add (local.get $FF) (i32.shl (local.get $count) (i32.const 2))) (local.get $fields))
      (global.set $fields (local.get $fields))
      (global.set $width (local.get $width))
      (global.set $doubled (local.get $dc))
      (return (local.get $count)))
    (i32.const -1))

  ;; Column c of records [r, count) with a non-blank field (NB 1 after the caller has settled the
  ;; 2s), as CsvColumns.read takes one column: the field's [start, end) without its quotes into S and
  ;; EN, the record's line into R; (0, 0) for a record too short to have the column. Returns how many
  ;; records were taken; the global blankRows says how many were skipped.
  (func (export "column") (param $c i32) (param $r i32) (param $count i32)
      (param $F i32) (param $FF i32) (param $E i32) (param $NB i32) (param $L i32)
      (param $S i32) (param $EN i32) (param $R i32) (result i32)
    (local $size i32) (local $blanks i32) (local $f0 i32) (local $nf i32) (local $f i32)
    (local $s i32) (local $e i32) (local $o i32)
    (block $done
      (loop $rec
        (br_if $done (i32.ge_s (local.get $r) (local.get $count)))
        (if (i32.eqz (i32.load8_u (i32.add (local.get $NB) (local.get $r))))
          (then
            (local.set $blanks (i32.add (local.get $blanks) (i32.const 1)))
            (local.set $r (i32.add (local.get $r) (i32.const 1)))
            (br $rec)))
        (local.set $f0 (i32.load (i32.add (local.get $FF) (i32.shl (local.get $r) (i32.const 2)))))
        (local.set $nf (i32.sub (i32.load offset=4 (i32.add (local.get $FF) (i32.shl (local.get $r) (i32.const 2))))
                                (local.get $f0)))
        (local.set $s (i32.const 0))
        (local.set $e (i32.const 0))
        (if (i32.lt_s (local.get $c) (local.get $nf))
          (then
            (local.set $f (i32.add (local.get $f0) (local.get $c)))
            (local.set $s (i32.load (i32.add (local.get $F) (i32.shl (local.get $f) (i32.const 2)))))
            (if (i32.lt_s (i32.add (local.get $c) (i32.const 1)) (local.get $nf))
              (then
                (local.set $e (i32.load offset=4 (i32.add (local.get $F) (i32.shl (local.get $f) (i32.const 2)))))
                (if (i32.lt_s (local.get $e) (i32.const 0))
                  (then (local.set $e (i32.xor (local.get $e) (i32.const -1)))))
                (local.set $e (i32.sub (local.get $e) (i32.const 1))))
              (else
                (local.set $e (i32.load (i32.add (local.get $E) (i32.shl (local.get $r) (i32.const 2)))))))
            (if (i32.lt_s (local.get $s) (i32.const 0))
              (then
                (local.set $s (i32.add (i32.xor (local.get $s) (i32.const -1)) (i32.const 1)))
                (local.set $e (i32.sub (local.get $e) (i32.const 1)))))))
        (local.set $o (i32.shl (local.get $size) (i32.const 2)))
        (i32.store (i32.add (local.get $S) (local.get $o)) (local.get $s))
        (i32.store (i32.add (local.get $EN) (local.get $o)) (local.get $e))
        (i32.store (i32.add (local.get $R) (local.get $o))
          (i32.load (i32.add (local.get $L) (i32.shl (local.get $r) (i32.const 2)))))
        (local.set $size (i32.add (local.get $size) (i32.const 1)))
        (local.set $r (i32.add (local.get $r) (i32.const 1)))
        (br $rec)))
    (global.set $blankRows (local.get $blanks))
    (local.get $size))

  ;; For each of the n cells [S[k], EN[k]) (a column as `column` left it), the first k' <= k whose
  ;; bytes are the same, into OUT[k]: repeated accounts, ids, sides and currencies are then read once
  ;; (src/io/recon/load.ts readTextFirsts). T is an open-addressing table of mask + 1 i32 slots,
  ;; zero on entry (k + 1 of the cell a slot holds); FNV-1a over the bytes. Only the first `limit`
  ;; distinct values are remembered (references do not repeat: the table stays small and in cache);
  ;; a cell not found is its own first. Returns the distinct values remembered.
  (func (export "firsts") (param $S i32) (param $EN i32) (param $n i32) (param $T i32) (param $mask i32)
      (param $OUT i32) (param $limit i32) (result i32)
    (local $k i32) (local $s i32) (local $e i32) (local $h i32) (local $i i32) (local $slot i32)
    (local $v i32) (local $fs i32) (local $len i32) (local $j i32) (local $distinct i32) (local $at i32)
    (block $done
      (loop $cell
        (br_if $done (i32.ge_s (local.get $k) (local.get $n)))
        (local.set $s (i32.load (i32.add (local.get $S) (i32.shl (local.get $k) (i32.const 2)))))
        (local.set $e (i32.load (i32.add (local.get $EN) (i32.shl (local.get $k) (i32.const 2)))))
        (local.set $len (i32.sub (local.get $e) (local.get $s)))
        (local.set $h (i32.const 0x811c9dc5))
        (local.set $i (local.get $s))
        (block $hashed
          (loop $byte
            (br_if $hashed (i32.ge_s (local.get $i) (local.get $e)))
            (local.set $h (i32.mul (i32.xor (local.get $h) (i32.load8_u (local.get $i))) (i32.const 0x01000193)))
            (local.set $i (i32.add (local.get $i) (i32.const 1)))
            (br $byte)))
        (local.set $slot (i32.and (local.get $h) (local.get $mask)))
        (block $placed
          (loop $probe
            (local.set $at (i32.add (local.get $T) (i32.shl (local.get $slot) (i32.const 2))))
            (local.set $v (i32.load (local.get $at)))
            (if (i32.eqz (local.get $v))
              (then
                (if (i32.lt_s (local.get $distinct) (local.get $limit))
                  (then
                    (i32.store (local.get $at) (i32.add (local.get $k) (i32.const 1)))
                    (local.set $distinct (i32.add (local.get $distinct) (i32.const 1)))))
                (i32.store (i32.add (local.get $OUT) (i32.shl (local.get $k) (i32.const 2))) (local.get $k))
                (br $placed)))
            (local.set $v (i32.sub (local.get $v) (i32.const 1)))
            (local.set $fs (i32.load (i32.add (local.get $S) (i32.shl (local.get $v) (i32.const 2)))))
            (if (i32.eq (i32.sub (i32.load (i32.add (local.get $EN) (i32.shl (local.get $v) (i32.const 2)))) (local.get $fs))
                        (local.get $len))
              (then
                (local.set $j (i32.const 0))
                (block $differ
                  (loop $cmp
                    (if (i32.ge_s (local.get $j) (local.get $len))
                      (then
                        (i32.store (i32.add (local.get $OUT) (i32.shl (local.get $k) (i32.const 2))) (local.get $v))
                        (br $placed)))
                    (br_if $differ (i32.ne (i32.load8_u (i32.add (local.get $fs) (local.get $j)))
                                           (i32.load8_u (i32.add (local.get $s) (local.get $j)))))
                    (local.set $j (i32.add (local.get $j) (i32.const 1)))
                    (br $cmp)))))
            (local.set $slot (i32.and (i32.add (local.get $slot) (i32.const 1)) (local.get $mask)))
            (br $probe)))
        (local.set $k (i32.add (local.get $k) (i32.const 1)))
        (br $cell)))
    (local.get $distinct))

  ;; ---- Numbers: src/io/recon/fast-number.ts scanScaledBytes, the same answer for every input ----
  ;; Status OK 0, FALLBACK 1, BLANK 2, TOO_PRECISE 4; at most 15 significant digits and 10 decimals;
  ;; the digits accumulate in a float64 as there (exact below 2^53). The small tests (space, digit,
  ;; currency) are written out in place: V8 does not inline calls between WebAssembly functions.
  (global $numInt (mut f64) (f64.const 0))
  (global $numScale (mut i32) (i32.const 0))

  (func $number (param $i i32) (param $n i32) (param $comma i32) (result i32)
    (local $dec i32) (local $grp i32) (local $neg i32) (local $signs i32) (local $paren i32)
    (local $c i32) (local $int f64) (local $sig i32) (local $digits i32) (local $run i32)
    (local $groups i32) (local $scale i32) (local $d i32) (local $iv i64) (local $t i32)
    
    (block $sk1
      (loop $sl1
        (br_if $sk1 (i32.ge_u (local.get $i) (local.get $n)))
        (local.set $t (i32.load8_u (local.get $i)))
        (br_if $sk1 (i32.and (i32.ne (local.get $t) (i32.const 32))
          (i32.and (i32.ne (local.get $t) (i32.const 9)) (i32.ne (local.get $t) (i32.const 0xa0)))))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $sl1)))
    (if (i32.eq (local.get $i) (local.get $n)) (then (return (i32.const 2))))
    (local.set $dec (select (i32.const 44) (i32.const 46) (local.get $comma)))
    (local.set $grp (select (i32.const 46) (i32.const 44) (local.get $comma)))
    (local.set $c (i32.load8_u (local.get $i)))
    (if (i32.eq (local.get $c) (i32.const 40))
      (then
        (local.set $paren (i32.const 1))
        (local.set $neg (i32.const 1))
        (local.set $signs (i32.const 1))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        
    (block $sk2
      (loop $sl2
        (br_if $sk2 (i32.ge_u (local.get $i) (local.get $n)))
        (local.set $t (i32.load8_u (local.get $i)))
        (br_if $sk2 (i32.and (i32.ne (local.get $t) (i32.const 32))
          (i32.and (i32.ne (local.get $t) (i32.const 9)) (i32.ne (local.get $t) (i32.const 0xa0)))))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $sl2)))
        
    (local.set $c (if (result i32) (i32.lt_u (local.get $i) (local.get $n))
      (then (i32.load8_u (local.get $i))) (else (i32.const -1))))))
    (if (i32.or (i32.eq (local.get $c) (i32.const 45)) (i32.eq (local.get $c) (i32.const 43)))
      (then
        (if (local.get $signs) (then (return (i32.const 1))))
        (if (i32.eq (local.get $c) (i32.const 45)) (then (local.set $neg (i32.const 1))))
        (local.set $signs (i32.add (local.get $signs) (i32.const 1)))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        
    (block $sk3
      (loop $sl3
        (br_if $sk3 (i32.ge_u (local.get $i) (local.get $n)))
        (local.set $t (i32.load8_u (local.get $i)))
        (br_if $sk3 (i32.and (i32.ne (local.get $t) (i32.const 32))
          (i32.and (i32.ne (local.get $t) (i32.const 9)) (i32.ne (local.get $t) (i32.const 0xa0)))))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $sl3)))
        
    (local.set $c (if (result i32) (i32.lt_u (local.get $i) (local.get $n))
      (then (i32.load8_u (local.get $i))) (else (i32.const -1))))))
    (if (i32.or (i32.or (i32.eq (local.get $c) (i32.const 36)) (i32.eq (local.get $c) (i32.const 0xa4)))
            (i32.or (i32.eq (local.get $c) (i32.const 0xa3)) (i32.eq (local.get $c) (i32.const 0xa5))))
      (then
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        
    (block $sk4
      (loop $sl4
        (br_if $sk4 (i32.ge_u (local.get $i) (local.get $n)))
        (local.set $t (i32.load8_u (local.get $i)))
        (br_if $sk4 (i32.and (i32.ne (local.get $t) (i32.const 32))
          (i32.and (i32.ne (local.get $t) (i32.const 9)) (i32.ne (local.get $t) (i32.const 0xa0)))))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $sl4)))
        
    (local.set $c (if (result i32) (i32.lt_u (local.get $i) (local.get $n))
      (then (i32.load8_u (local.get $i))) (else (i32.const -1))))
        (if (i32.and (i32.eq (local.get $c) (i32.const 45)) (i32.eqz (local.get $signs)))
          (then
            (local.set $neg (i32.const 1))
            (local.set $signs (i32.add (local.get $signs) (i32.const 1)))
            (local.set $i (i32.add (local.get $i) (i32.const 1)))
            
    (local.set $c (if (result i32) (i32.lt_u (local.get $i) (local.get $n))
      (then (i32.load8_u (local.get $i))) (else (i32.const -1))))))))
    ;; The integer part, with Western groups only: 1-3 digits, then exactly 3 between separators.
    (block $intDone
      (loop $intLoop
        (br_if $intDone (i32.ge_u (local.get $i) (local.get $n)))
        (local.set $c (i32.load8_u (local.get $i)))
        (if (i32.lt_u (i32.sub (local.get $c) (i32.const 48)) (i32.const 10))
          (then
            
            (local.set $d (i32.sub (local.get $c) (i32.const 48)))
            (local.set $sig (i32.add (local.get $sig) (i32.or (i32.gt_s (local.get $sig) (i32.const 0)) (i32.ne (local.get $d) (i32.const 0)))))
            (local.set $int (f64.add (f64.mul (local.get $int) (f64.const 10)) (f64.convert_i32_u (local.get $d))))
            (local.set $digits (i32.add (local.get $digits) (i32.const 1)))
            (local.set $run (i32.add (local.get $run) (i32.const 1)))
            (local.set $i (i32.add (local.get $i) (i32.const 1)))
            (br $intLoop)))
        (if (i32.eq (local.get $c) (local.get $grp))
          (then
            (if (i32.eqz (local.get $run)) (then (return (i32.const 1))))
            (if (select
                  (i32.gt_s (local.get $run) (i32.const 3))
                  (i32.ne (local.get $run) (i32.const 3))
                  (i32.eqz (local.get $groups)))
              (then (return (i32.const 1))))
            (local.set $groups (i32.add (local.get $groups) (i32.const 1)))
            (local.set $run (i32.const 0))
            (local.set $i (i32.add (local.get $i) (i32.const 1)))
            (br $intLoop)))))
    (if (i32.and (i32.gt_s (local.get $groups) (i32.const 0)) (i32.ne (local.get $run) (i32.const 3)))
      (then (return (i32.const 1))))
    (if (i32.and (i32.lt_u (local.get $i) (local.get $n)) (i32.eq (local.get $c) (local.get $dec)))
      (then
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (block $fracDone
          (loop $fracLoop
            (br_if $fracDone (i32.ge_u (local.get $i) (local.get $n)))
            (local.set $c (i32.load8_u (local.get $i)))
            (br_if $fracDone (i32.ge_u (i32.sub (local.get $c) (i32.const 48)) (i32.const 10)))
            
            (local.set $d (i32.sub (local.get $c) (i32.const 48)))
            (local.set $sig (i32.add (local.get $sig) (i32.or (i32.gt_s (local.get $sig) (i32.const 0)) (i32.ne (local.get $d) (i32.const 0)))))
            (local.set $int (f64.add (f64.mul (local.get $int) (f64.const 10)) (f64.convert_i32_u (local.get $d))))
            (local.set $digits (i32.add (local.get $digits) (i32.const 1)))
            (local.set $scale (i32.add (local.get $scale) (i32.const 1)))
            (local.set $i (i32.add (local.get $i) (i32.const 1)))
            (br $fracLoop)))))
    (if (i32.or (i32.eqz (local.get $digits)) (i32.gt_s (local.get $sig) (i32.const 15)))
      (then (return (i32.const 1))))
    
    (block $sk5
      (loop $sl5
        (br_if $sk5 (i32.ge_u (local.get $i) (local.get $n)))
        (local.set $t (i32.load8_u (local.get $i)))
        (br_if $sk5 (i32.and (i32.ne (local.get $t) (i32.const 32))
          (i32.and (i32.ne (local.get $t) (i32.const 9)) (i32.ne (local.get $t) (i32.const 0xa0)))))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $sl5)))
    
    (local.set $t (if (result i32) (i32.lt_u (local.get $i) (local.get $n))
      (then (i32.load8_u (local.get $i))) (else (i32.const -1))))
    (if (i32.or (i32.or (i32.eq (local.get $t) (i32.const 36)) (i32.eq (local.get $t) (i32.const 0xa4)))
            (i32.or (i32.eq (local.get $t) (i32.const 0xa3)) (i32.eq (local.get $t) (i32.const 0xa5))))
      (then
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        
    (block $sk6
      (loop $sl6
        (br_if $sk6 (i32.ge_u (local.get $i) (local.get $n)))
        (local.set $t (i32.load8_u (local.get $i)))
        (br_if $sk6 (i32.and (i32.ne (local.get $t) (i32.const 32))
          (i32.and (i32.ne (local.get $t) (i32.const 9)) (i32.ne (local.get $t) (i32.const 0xa0)))))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $sl6)))))
    
    (local.set $t (if (result i32) (i32.lt_u (local.get $i) (local.get $n))
      (then (i32.load8_u (local.get $i))) (else (i32.const -1))))
    (if (i32.and (i32.eq (local.get $t) (i32.const 45)) (i32.eqz (local.get $signs)))
      (then
        (local.set $neg (i32.const 1))
        (local.set $signs (i32.add (local.get $signs) (i32.const 1)))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        
    (block $sk7
      (loop $sl7
        (br_if $sk7 (i32.ge_u (local.get $i) (local.get $n)))
        (local.set $t (i32.load8_u (local.get $i)))
        (br_if $sk7 (i32.and (i32.ne (local.get $t) (i32.const 32))
          (i32.and (i32.ne (local.get $t) (i32.const 9)) (i32.ne (local.get $t) (i32.const 0xa0)))))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $sl7)))))
    (if (local.get $paren)
      (then
        
    (local.set $t (if (result i32) (i32.lt_u (local.get $i) (local.get $n))
      (then (i32.load8_u (local.get $i))) (else (i32.const -1))))
        (if (i32.ne (local.get $t) (i32.const 41)) (then (return (i32.const 1))))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        
    (block $sk8
      (loop $sl8
        (br_if $sk8 (i32.ge_u (local.get $i) (local.get $n)))
        (local.set $t (i32.load8_u (local.get $i)))
        (br_if $sk8 (i32.and (i32.ne (local.get $t) (i32.const 32))
          (i32.and (i32.ne (local.get $t) (i32.const 9)) (i32.ne (local.get $t) (i32.const 0xa0)))))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $sl8)))))
    (if (i32.ne (local.get $i) (local.get $n)) (then (return (i32.const 1))))
    ;; Trailing zeros of the fraction carry no value (the integer is below 10^15: exact in i64 and f64).
    (local.set $iv (i64.trunc_f64_u (local.get $int)))
    (block $stripped
      (loop $strip
        (br_if $stripped (i32.eqz (local.get $scale)))
        (br_if $stripped (i64.ne (i64.rem_u (local.get $iv) (i64.const 10)) (i64.const 0)))
        (local.set $iv (i64.div_u (local.get $iv) (i64.const 10)))
        (local.set $scale (i32.sub (local.get $scale) (i32.const 1)))
        (br $strip)))
    (if (i32.gt_s (local.get $scale) (i32.const 10)) (then (return (i32.const 4))))
    (local.set $int (f64.convert_i64_u (local.get $iv)))
    (global.set $numInt
      (select (f64.neg (local.get $int)) (local.get $int)
        (i32.and (local.get $neg) (f64.ne (local.get $int) (f64.const 0)))))
    (global.set $numScale (local.get $scale))
    (i32.const 0))

  ;; The n cells [S[k], EN[k]) read as numbers: status into ST (u8), the scaled integer into INTS
  ;; (f64) and its scale into SCALES (u8), both 0 where the status is not OK.
  (func (export "numbers") (param $S i32) (param $EN i32) (param $n i32) (param $comma i32)
      (param $INTS i32) (param $SCALES i32) (param $ST i32)
    (local $k i32) (local $st i32) (local $o i32)
    (block $done
      (loop $cell
        (br_if $done (i32.ge_s (local.get $k) (local.get $n)))
        (local.set $o (i32.shl (local.get $k) (i32.const 2)))
        (local.set $st (call $number
          (i32.load (i32.add (local.get $S) (local.get $o)))
          (i32.load (i32.add (local.get $EN) (local.get $o)))
          (local.get $comma)))
        (i32.store8 (i32.add (local.get $ST) (local.get $k)) (local.get $st))
        (f64.store (i32.add (local.get $INTS) (i32.shl (local.get $k) (i32.const 3)))
          (select (global.get $numInt) (f64.const 0) (i32.eqz (local.get $st))))
        (i32.store8 (i32.add (local.get $SCALES) (local.get $k))
          (select (global.get $numScale) (i32.const 0) (i32.eqz (local.get $st))))
        (local.set $k (i32.add (local.get $k) (i32.const 1)))
        (br $cell))))

  ;; One cell (tests compare it with scanScaledBytes): the status; the integer and scale by the getters.
  (func (export "number") (param $i i32) (param $n i32) (param $comma i32) (result i32)
    (call $number (local.get $i) (local.get $n) (local.get $comma)))
  (func (export "numberInt") (result f64) (global.get $numInt))
  (func (export "numberScale") (result i32) (global.get $numScale))

  ;; ---- A column's dictionary when its values mostly ascend (references in trade order) ----
  ;; Bytes [S[a], EN[a]) against [S[b], EN[b]): -1, 0 or 1 (byte by byte, then the shorter first).
  (func $compareCells (param $S i32) (param $EN i32) (param $a i32) (param $b i32) (result i32)
    (local $as i32) (local $al i32) (local $bs i32) (local $bl i32) (local $n i32) (local $i i32)
    (local $x i32) (local $y i32)
    (local.set $as (i32.load (i32.add (local.get $S) (i32.shl (local.get $a) (i32.const 2)))))
    (local.set $al (i32.sub (i32.load (i32.add (local.get $EN) (i32.shl (local.get $a) (i32.const 2)))) (local.get $as)))
    (local.set $bs (i32.load (i32.add (local.get $S) (i32.shl (local.get $b) (i32.const 2)))))
    (local.set $bl (i32.sub (i32.load (i32.add (local.get $EN) (i32.shl (local.get $b) (i32.const 2)))) (local.get $bs)))
    (local.set $n (select (local.get $al) (local.get $bl) (i32.lt_s (local.get $al) (local.get $bl))))
    (block $done
      (loop $byte
        (br_if $done (i32.ge_s (local.get $i) (local.get $n)))
        (local.set $x (i32.load8_u (i32.add (local.get $as) (local.get $i))))
        (local.set $y (i32.load8_u (i32.add (local.get $bs) (local.get $i))))
        (if (i32.ne (local.get $x) (local.get $y))
          (then (return (select (i32.const -1) (i32.const 1) (i32.lt_u (local.get $x) (local.get $y))))))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $byte)))
    (if (result i32) (i32.eq (local.get $al) (local.get $bl))
      (then (i32.const 0))
      (else (select (i32.const -1) (i32.const 1) (i32.lt_s (local.get $al) (local.get $bl))))))

  ;; firsts with every value remembered (the column's dictionary), for a column whose values mostly
  ;; ascend: a value above every earlier one is new without a lookup, one equal to the highest so far
  ;; is that one's repeat, and only a value below it (a "descent") is looked for: by binary search
  ;; among the values that were each the highest when met (CH, ascending by construction), then in
  ;; the table T of earlier descents. Empty cells are all the first empty cell's. Returns 1, or 0
  ;; when more than `limit` descents were new (the column is not in order: the caller hashes it).
  (func (export "firstsAscending") (param $S i32) (param $EN i32) (param $n i32) (param $T i32)
      (param $mask i32) (param $OUT i32) (param $CH i32) (param $limit i32) (result i32)
    (local $k i32) (local $top i32) (local $chain i32) (local $empty i32) (local $c i32)
    (local $lo i32) (local $hi i32) (local $mid i32) (local $found i32) (local $descents i32)
    (local $h i32) (local $i i32) (local $e i32) (local $slot i32) (local $at i32) (local $v i32)
    (local.set $top (i32.const -1))
    (local.set $empty (i32.const -1))
    (block $done
      (loop $cell
        (br_if $done (i32.ge_s (local.get $k) (local.get $n)))
        (block $next
          (local.set $i (i32.load (i32.add (local.get $S) (i32.shl (local.get $k) (i32.const 2)))))
          (local.set $e (i32.load (i32.add (local.get $EN) (i32.shl (local.get $k) (i32.const 2)))))
          (if (i32.eq (local.get $i) (local.get $e))
            (then
              (if (i32.lt_s (local.get $empty) (i32.const 0)) (then (local.set $empty (local.get $k))))
              (i32.store (i32.add (local.get $OUT) (i32.shl (local.get $k) (i32.const 2))) (local.get $empty))
              (br $next)))
          (local.set $c (if (result i32) (i32.lt_s (local.get $top) (i32.const 0))
            (then (i32.const 1))
            (else (call $compareCells (local.get $S) (local.get $EN) (local.get $k) (local.get $top)))))
          (if (i32.gt_s (local.get $c) (i32.const 0))
            (then
              (i32.store (i32.add (local.get $OUT) (i32.shl (local.get $k) (i32.const 2))) (local.get $k))
              (i32.store (i32.add (local.get $CH) (i32.shl (local.get $chain) (i32.const 2))) (local.get $k))
              (local.set $chain (i32.add (local.get $chain) (i32.const 1)))
              (local.set $top (local.get $k))
              (br $next)))
          (if (i32.eqz (local.get $c))
            (then
              (i32.store (i32.add (local.get $OUT) (i32.shl (local.get $k) (i32.const 2))) (local.get $top))
              (br $next)))
          ;; A descent: among the chain first.
          (local.set $lo (i32.const 0))
          (local.set $hi (i32.sub (local.get $chain) (i32.const 1)))
          (local.set $found (i32.const -1))
          (block $searched
            (loop $search
              (br_if $searched (i32.gt_s (local.get $lo) (local.get $hi)))
              (local.set $mid (i32.shr_u (i32.add (local.get $lo) (local.get $hi)) (i32.const 1)))
              (local.set $v (i32.load (i32.add (local.get $CH) (i32.shl (local.get $mid) (i32.const 2)))))
              (local.set $c (call $compareCells (local.get $S) (local.get $EN) (local.get $k) (local.get $v)))
              (if (i32.eqz (local.get $c))
                (then (local.set $found (local.get $v)) (br $searched)))
              (if (i32.lt_s (local.get $c) (i32.const 0))
                (then (local.set $hi (i32.sub (local.get $mid) (i32.const 1))))
                (else (local.set $lo (i32.add (local.get $mid) (i32.const 1)))))
              (br $search)))
          (if (i32.ge_s (local.get $found) (i32.const 0))
            (then
              (i32.store (i32.add (local.get $OUT) (i32.shl (local.get $k) (i32.const 2))) (local.get $found))
              (br $next)))
          ;; Then among the earlier descents (FNV-1a, open addressing; T holds index + 1).
          (local.set $h (i32.const 0x811c9dc5))
          (block $hashed
            (loop $hb
              (br_if $hashed (i32.ge_s (local.get $i) (local.get $e)))
              (local.set $h (i32.mul (i32.xor (local.get $h) (i32.load8_u (local.get $i))) (i32.const 0x01000193)))
              (local.set $i (i32.add (local.get $i) (i32.const 1)))
              (br $hb)))
          (local.set $slot (i32.and (local.get $h) (local.get $mask)))
          (block $placed
            (loop $probe
              (local.set $at (i32.add (local.get $T) (i32.shl (local.get $slot) (i32.const 2))))
              (local.set $v (i32.load (local.get $at)))
              (if (i32.eqz (local.get $v))
                (then
                  (local.set $descents (i32.add (local.get $descents) (i32.const 1)))
                  (if (i32.gt_s (local.get $descents) (local.get $limit)) (then (return (i32.const 0))))
                  (i32.store (local.get $at) (i32.add (local.get $k) (i32.const 1)))
                  (i32.store (i32.add (local.get $OUT) (i32.shl (local.get $k) (i32.const 2))) (local.get $k))
                  (br $placed)))
              (if (i32.eqz (call $compareCells (local.get $S) (local.get $EN) (local.get $k)
                             (i32.sub (local.get $v) (i32.const 1))))
                (then
                  (i32.store (i32.add (local.get $OUT) (i32.shl (local.get $k) (i32.const 2)))
                    (i32.sub (local.get $v) (i32.const 1)))
                  (br $placed)))
              (local.set $slot (i32.and (i32.add (local.get $slot) (i32.const 1)) (local.get $mask)))
              (br $probe))))
        (local.set $k (i32.add (local.get $k) (i32.const 1)))
        (br $cell)))
    (i32.const 1))
)
