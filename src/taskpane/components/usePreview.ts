import { useEffect, useState } from "react";
import type { SourceChoice } from "../recon-form";
import type { TaskpaneServices } from "../services";
import type { PreviewState } from "./SourcesStep";

/**
 * The header preview of one side's chosen source, re-read whenever the choice or the list of sources
 * (a Refresh) changes. An answer that arrives after the user moved on is ignored, so a slow read of
 * the previous source can never fill the column pickers of the current one.
 */
export function usePreview(
  services: TaskpaneServices,
  choices: readonly SourceChoice[],
  sourceId: string,
  onHeaders: (headers: string[]) => void,
): PreviewState {
  const [state, setState] = useState<PreviewState>({ status: "none" });
  useEffect(() => {
    const choice = choices.find((c) => c.id === sourceId);
    if (!choice) {
      setState({ status: "none" });
      return;
    }
    let current = true;
    setState({ status: "loading" });
    services.previewSource(choice.ref).then(
      (preview) => {
        if (!current) return;
        setState({ status: "ok", preview });
        onHeaders(preview.headers);
      },
      (e: unknown) => {
        if (!current) return;
        setState({ status: "error", message: e instanceof Error ? e.message : String(e) });
        onHeaders([]);
      },
    );
    return () => {
      current = false;
    };
    // onHeaders is a fresh closure each render; re-reading on its identity would loop.
  }, [services, choices, sourceId]);
  return state;
}
