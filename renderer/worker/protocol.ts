// The typed request/response protocol between the UI thread and the core worker. The
// worker holds the decrypted database; the UI only ever sees summaries and table models.
// Errors cross the boundary as plain {code, messageNl, messageEn} so they stay readable.
import type { AgeKey, Progress } from '../../shared/age/types';
import type { OpenedSnapshot } from '../../shared/snapshot/types';
import type { Incident } from '../../shared/analyses/datalek/incident-timeline';
import type { DisclosureOption, TableModel } from '../../shared/tables/model';
import type { TableRequest } from '../../shared/tables/catalogue';
import type { SealReport } from '../../shared/seal/seal-files';
import type { AgeRecipients } from '../../shared/age/types';

export type ExportFormat = 'csv' | 'csv-rfc' | 'xlsx' | 'docx' | 'ods' | 'odt' | 'html' | 'md';
export type BijlageFormat = 'docx' | 'odt' | 'xlsx' | 'ods';

/** What the UI knows about an opened snapshot (no rows, no key). */
export type SnapshotSummary = Pick<OpenedSnapshot, 'meta' | 'sha256' | 'fileSize' | 'keyKind' | 'rowCounts' | 'optionalTables' | 'findings'> & {
  fileName: string;
  /** How long each phase of opening took, in milliseconds. */
  timings: Record<string, number>;
};

/** An incident as the timeline shows it: the row of the optional `incident` table. */
export type IncidentRow = Incident;

export interface QueryResult {
  model: TableModel;
  /** True when the result holds person-level columns (ids); export then needs confirmation. */
  personLevel: boolean;
  truncated: boolean;
  milliseconds: number;
}

export interface CoreRequests {
  open: { request: { bytes: Uint8Array<ArrayBuffer>; key: AgeKey; fileName: string }; response: SnapshotSummary };
  table: { request: { id: string; parameters: TableRequest }; response: TableModel };
  query: { request: { sql: string }; response: QueryResult };
  incidents: { request: Record<string, never>; response: { incidents: IncidentRow[] } };
  export: {
    request: { models: TableModel[]; format: ExportFormat; disclosure: DisclosureOption; personLevelConfirmed: boolean };
    response: { bytes: Uint8Array };
  };
  bijlage: {
    request: { models: TableModel[]; format: BijlageFormat; disclosure: DisclosureOption };
    response: { bytes: Uint8Array };
  };
  html: { request: { model: TableModel }; response: { html: string } };
  close: { request: Record<string, never>; response: { closed: boolean } };
  /** Snapshot maken, step 1: parse and validate the picked CSV files; the built database waits in the worker. */
  sealValidate: {
    request: { files: File[]; overrides: { peildatum?: string; bron?: string; gemeenteJaar?: string } };
    response: SealReport;
  };
  /** Step 2: encrypt the validated database for the chosen readers; it is then wiped. */
  sealEncrypt: { request: { recipients: AgeRecipients }; response: { bytes: Uint8Array } };
  sealDiscard: { request: Record<string, never>; response: { discarded: boolean } };
}

export type CoreOperation = keyof CoreRequests;

export interface RequestMessage<O extends CoreOperation = CoreOperation> {
  id: number;
  operation: O;
  payload: CoreRequests[O]['request'];
}

export interface WireError {
  code: string;
  messageNl: string;
  messageEn: string;
}

export type ResponseMessage =
  | { id: number; kind: 'result'; result: unknown }
  | { id: number; kind: 'error'; error: WireError }
  | { id: number; kind: 'progress'; progress: Progress };
