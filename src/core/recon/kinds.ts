/**
 * The three built-in kinds: their canonical fields (with the header texts each is proposed for) and
 * a default profile an analyst can run before editing anything.
 *
 * The tolerances are the practice described in /work/shared/DOMAIN.md (Reconciliation): trades
 * match on the client reference first (custodian partial settlements summed), then on the trade's
 * economics with a -1..+3 business-day settlement window; positions compare quantity exactly and
 * market value within a tolerance per asset class (Finantrix: equities $10, fixed income $50);
 * cash compares amount within a cent and value date within two business days, then proposes one
 * payment against several ledger items by a bounded subset-sum search.
 */
import type { FieldDef, PassConfig, ReconKind, ReconProfile } from "./profile";

function f(name: string, type: FieldDef["type"], label: string, aliases: string[]): FieldDef {
  return { name, type, label, aliases };
}

export const STANDARD_FIELDS: Record<ReconKind, FieldDef[]> = {
  trade: [
    f("ref", "text", "Trade reference", [
      "Trade Ref",
      "Client Ref",
      "Reference",
      "Our Ref",
      "Client Reference",
      "Trade Reference",
      "Ref",
    ]),
    f("account", "text", "Account", ["Account", "Acct", "Portfolio", "Account No", "Fund"]),
    f("security", "id", "Security", ["ISIN", "Security", "Security ID", "CUSIP", "SEDOL", "Instrument"]),
    f("side", "side", "Side", ["Side", "Buy/Sell", "Txn Type", "B/S", "Transaction Type"]),
    f("tradeDate", "date", "Trade date", ["Trade Date", "Trade Dt", "TD"]),
    f("settleDate", "date", "Settlement date", ["Settle Date", "Settle Dt", "Settlement Date", "SD", "Value Date"]),
    f("quantity", "number", "Quantity", ["Quantity", "Qty", "Nominal", "Shares", "Units"]),
    f("price", "number", "Price", ["Price", "Trade Price", "Deal Price"]),
    f("amount", "number", "Net amount", [
      "Net Amount",
      "Net Consideration",
      "Settlement Amount",
      "Amount",
      "Consideration",
    ]),
    f("currency", "text", "Currency", ["Currency", "Ccy", "Settle Ccy", "Settlement Currency"]),
    f("fees", "number", "Fees", ["Fees", "Commission", "Charges", "Fees & Commission"]),
  ],
  position: [
    f("account", "text", "Account", ["Account", "Acct", "Portfolio", "Account No", "Fund"]),
    f("security", "id", "Security", ["ISIN", "Security", "Security ID", "CUSIP", "SEDOL", "Instrument"]),
    f("quantity", "number", "Quantity", ["Quantity", "Qty", "Nominal", "Shares", "Units", "Holding", "Position"]),
    f("price", "number", "Price", ["Price", "Market Price", "Close Price"]),
    f("marketValue", "number", "Market value", ["Market Value", "MV", "Market Val", "Valuation", "Value"]),
    f("currency", "text", "Currency", ["Currency", "Ccy", "Price Ccy"]),
    f("assetClass", "text", "Asset class", ["Asset Class", "Asset Type", "Class", "Security Type"]),
  ],
  cash: [
    f("account", "text", "Account", ["Account", "Acct", "Bank Account", "Account No", "Account Number"]),
    f("valueDate", "date", "Value date", ["Value Date", "Val Date", "VD", "Date", "Booking Date"]),
    f("amount", "number", "Amount", ["Amount", "Net Amount", "Value", "Transaction Amount"]),
    f("currency", "text", "Currency", ["Currency", "Ccy"]),
    f("reference", "text", "Reference", [
      "Reference",
      "Ref",
      "Our Ref",
      "Payment Ref",
      "Transaction Ref",
      "Customer Ref",
    ]),
    f("description", "text", "Description", ["Description", "Narrative", "Details", "Memo", "Text"]),
    f("side", "side", "Debit/credit", ["DR/CR", "Dr/Cr", "Debit/Credit", "D/C", "Side"]),
  ],
  custom: [],
};

/**
 * Market-value tolerance per asset class (Finantrix practice quoted in DOMAIN.md: equities $10,
 * fixed income $50), keyed by the normalised (upper-case) asset-class text. A class not listed
 * falls back to the rule's `tolerance` (one cent): an unknown class is not given slack.
 */
export const POSITION_MV_TOLERANCES: Record<string, string> = {
  EQUITY: "10",
  EQUITIES: "10",
  STOCK: "10",
  "FIXED INCOME": "50",
  "FIXED-INCOME": "50",
  BOND: "50",
  BONDS: "50",
};

export interface SideLabels {
  left?: string;
  right?: string;
}

function tradePasses(): PassConfig[] {
  return [
    {
      name: "reference",
      keys: ["ref"],
      // Custodians settle one booked trade in several partial settlements carrying its reference.
      cardinality: "1:N",
      sumFields: ["quantity", "amount"],
      compare: [
        { field: "quantity", kind: "exact" },
        { field: "price", kind: "relative", tolerance: "0.0001" },
        { field: "amount", kind: "absolute", tolerance: "0.01" },
        { field: "settleDate", kind: "exact" },
        { field: "side", kind: "exact" },
        { field: "currency", kind: "exact" },
      ],
      onMismatch: "break",
    },
    {
      name: "economics",
      // For confirmations without a client reference: the trade's own economics identify it.
      keys: ["account", "security", "side", "tradeDate", "quantity"],
      cardinality: "1:1",
      compare: [
        { field: "amount", kind: "minor-units", units: 2 },
        { field: "settleDate", kind: "date-window", before: 1, after: 3 },
      ],
      onMismatch: "break",
    },
  ];
}

function positionPasses(): PassConfig[] {
  return [
    {
      name: "holding",
      keys: ["account", "security"],
      cardinality: "1:1",
      compare: [
        { field: "quantity", kind: "exact" },
        {
          field: "marketValue",
          kind: "absolute",
          tolerance: "0.01",
          byField: "assetClass",
          tolerances: { ...POSITION_MV_TOLERANCES },
        },
        { field: "currency", kind: "exact" },
      ],
      onMismatch: "break",
    },
  ];
}

function cashPasses(): PassConfig[] {
  return [
    {
      name: "reference",
      keys: ["account", "currency", "reference"],
      cardinality: "1:1",
      compare: [
        { field: "amount", kind: "absolute", tolerance: "0.01" },
        { field: "valueDate", kind: "date-window", before: 0, after: 2 },
      ],
      onMismatch: "break",
    },
    {
      name: "amount",
      // Same account, currency and amount is weaker evidence than a reference: a pair whose value
      // dates are too far apart is left unmatched rather than reported as one item.
      keys: ["account", "currency", "amount"],
      cardinality: "1:1",
      compare: [{ field: "valueDate", kind: "date-window", before: 0, after: 2 }],
      onMismatch: "no-match",
    },
    {
      name: "one-to-many",
      keys: ["account", "currency"],
      cardinality: "N:M",
      compare: [],
      onMismatch: "no-match",
      subsetSum: {
        field: "amount",
        dateField: "valueDate",
        window: 2,
        maxItems: 4,
        maxCandidates: 20,
        tolerance: "0.01",
      },
    },
  ];
}

/** A profile to start from: the kind's passes and tolerances, empty column mappings (proposed from headers later). */
export function defaultProfile(kind: "trade" | "position" | "cash", labels: SideLabels = {}): ReconProfile {
  const defaults = {
    trade: { name: "Trade reconciliation", left: "Books", right: "Custodian", ageFrom: "tradeDate" },
    position: { name: "Position reconciliation", left: "Books", right: "Custodian", ageFrom: undefined },
    cash: { name: "Cash reconciliation", left: "Ledger", right: "Bank", ageFrom: "valueDate" },
  }[kind];
  const passes = kind === "trade" ? tradePasses() : kind === "position" ? positionPasses() : cashPasses();
  const profile: ReconProfile = {
    version: 1,
    kind,
    name: defaults.name,
    left: { label: labels.left ?? defaults.left, mapping: {} },
    right: { label: labels.right ?? defaults.right, mapping: {} },
    normalise: { trim: true, case: "upper" },
    crosswalk: { field: "security", derive: true },
    passes,
    ageingBuckets: [1, 5, 30],
  };
  if (defaults.ageFrom) profile.ageFrom = defaults.ageFrom;
  return profile;
}
