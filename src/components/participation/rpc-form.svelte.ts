/**
 * What every participation form does on submit: check the input with its zod schema (friendly
 * messages in the page's language), then call the RPC; show field errors or the server's answer
 * from the error catalogue, moving focus to the error summary so a screen reader announces it.
 * Create one while the component initialises (it registers onMount).
 */
import { onMount, tick } from 'svelte';
import type { z } from 'zod';
import type { Locale } from '../../i18n/ui.ts';
import type { CitizenRpc } from '../../lib/citizen-rpcs.ts';
import { describeRpcError, parseWithFriendlyErrors, type CatalogueEntry, type FieldError } from '../../lib/errors/catalogue.ts';

export class RpcForm {
  errors = $state.raw<FieldError[]>([]);
  /** The server's refusal, described from the error catalogue. */
  server = $state.raw<CatalogueEntry | null>(null);
  sending = $state(false);
  /** False until the island has hydrated: submit buttons stay disabled before. */
  hydrated = $state(false);
  /** The error summary element (bound by the form). */
  summary = $state<HTMLElement>();
  readonly #locale: () => Locale;

  constructor(locale: () => Locale) {
    this.#locale = locale;
    onMount(() => {
      this.hydrated = true;
    });
  }

  errorFor = (field: string): string | undefined => this.errors.find((e) => e.field === field)?.message;

  /** Checks `input`, then calls `rpc`: its answer, or undefined once the problem is on screen. */
  async send<T>(schema: z.ZodType, input: unknown, rpc: CitizenRpc): Promise<T | undefined> {
    this.server = null;
    const parsed = parseWithFriendlyErrors(schema, input, this.#locale());
    if (!parsed.success) {
      this.errors = parsed.errors;
      await this.#showSummary();
      return undefined;
    }
    this.errors = [];
    this.sending = true;
    const { callRpc } = await import('../../lib/supabase.ts');
    const { data, error } = await callRpc<T>(rpc, parsed.data as Record<string, unknown>);
    this.sending = false;
    if (error) {
      this.server = describeRpcError(error, rpc, this.#locale());
      await this.#showSummary();
      return undefined;
    }
    return data;
  }

  async #showSummary(): Promise<void> {
    await tick();
    this.summary?.focus();
  }
}
