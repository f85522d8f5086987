/** The parts of Zeppelin's REST objects that aglais reads. */

export interface ParagraphInput {
  readonly title?: string;
  /** The paragraph's text, starting with its interpreter, e.g. "%spark.pyspark\nprint(1)". */
  readonly text: string;
}

/** One piece of a paragraph's output. */
export interface ResultMessage {
  readonly type: string; // TEXT, TABLE, HTML, IMG, …
  readonly data: string;
}

export type ParagraphStatus = 'READY' | 'PENDING' | 'RUNNING' | 'FINISHED' | 'ERROR' | 'ABORT' | string;

export interface ParagraphResult {
  /** SUCCESS, ERROR, INCOMPLETE or KEEP_PREVIOUS_RESULT as Zeppelin reports it. */
  readonly code: string;
  readonly msg: readonly ResultMessage[];
}

export interface Paragraph {
  readonly id: string;
  readonly title?: string;
  readonly text?: string;
  readonly status?: ParagraphStatus;
  readonly results?: ParagraphResult;
  readonly errorMessage?: string;
}

export interface Note {
  readonly id: string;
  readonly name?: string;
  readonly paragraphs: readonly Paragraph[];
}

export interface ParagraphJobStatus {
  readonly id: string;
  readonly status: ParagraphStatus;
  readonly errorMessage?: string;
  readonly started?: string;
  readonly finished?: string;
  readonly progress?: string;
}

export interface NoteJobStatus {
  readonly id: string;
  readonly isRunning: boolean;
  readonly paragraphs: readonly ParagraphJobStatus[];
}

/** The text of a result's messages, joined: what a person would read. */
export function resultText(result: ParagraphResult | undefined): string {
  return (result?.msg ?? []).map((m) => m.data).join('');
}
