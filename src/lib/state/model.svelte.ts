import * as Comlink from 'comlink';
import type { SamplingStrategy } from '../db/rows';
import type { LabelRecord, ModelEvent, ModelInfo, ModelStatus, SpanSuggestion, Suggestion, ThreadChoice, ThreadState } from '../model/api';
import { getModelWorker, savedThreadChoice, saveThreadChoice } from '../model/client';
import type { Assistant } from './assistant';

export interface WorkProgress {
  kind: 'prepare' | 'load' | 'embed';
  done: number;
  total: number;
  file?: string;
}

/** The open project's model as the page sees it; also the annotate screen's Assistant. */
export class ModelSession implements Assistant {
  status = $state.raw<ModelStatus | null>(null);
  models = $state.raw<ModelInfo[]>([]);
  progress = $state<WorkProgress | null>(null);
  /** A refused import or download, said plainly. */
  problem = $state<string | null>(null);
  working = $state<string | null>(null);
  threads = $state.raw<ThreadState | null>(null);

  private readonly onEvent = Comlink.proxy((event: ModelEvent) => this.handle(event));

  async open(projectId: string, annotatorId: string): Promise<void> {
    try {
      this.status = await getModelWorker().openProject(projectId, annotatorId, this.onEvent);
      this.progress = null;
      await this.refreshModels();
      this.threads = await getModelWorker().useThreads(savedThreadChoice());
    } catch (error) {
      this.problem = `The model could not start: ${(error as Error).message}. Labelling works without it.`;
    }
  }

  async refreshModels(): Promise<void> {
    this.models = await getModelWorker().listModels();
  }

  suggest(taskId: string): Promise<Suggestion | null> {
    return getModelWorker().suggest(taskId);
  }

  suggestSpans(taskId: string): Promise<SpanSuggestion | null> {
    return getModelWorker().suggestSpans(taskId);
  }

  async nextOpenSeq(afterSeq: number): Promise<number | null> {
    if (!this.status || this.status.strategy === 'sequential') return null;
    return (await getModelWorker().nextTasks(afterSeq, 1))[0] ?? null;
  }

  record(record: LabelRecord): void {
    void getModelWorker().recordLabel(record);
  }

  use(modelId: string | null): Promise<void> {
    return this.run('Loading the model…', async () => {
      this.status = await getModelWorker().useModel(modelId);
    });
  }

  /** Kept for this device; applies at once if no model has loaded since the app started, else from the next start. */
  chooseThreads(choice: ThreadChoice): Promise<void> {
    saveThreadChoice(choice);
    return this.run(null, async () => {
      this.threads = await getModelWorker().useThreads(choice);
    });
  }

  setStrategy(strategy: SamplingStrategy): Promise<void> {
    return this.run(null, async () => {
      this.status = await getModelWorker().setStrategy(strategy);
    });
  }

  importFiles(files: { path: string; file: File }[], name: string): Promise<void> {
    return this.run(`Checking and storing ${name}…`, async () => {
      const model = await getModelWorker().importModelFiles(files, name, this.onEvent);
      await this.refreshModels();
      this.status = await getModelWorker().useModel(model.id);
    });
  }

  download(hubId: string): Promise<void> {
    return this.run(`Downloading ${hubId}…`, async () => {
      const model = await getModelWorker().downloadModel(hubId, this.onEvent);
      await this.refreshModels();
      this.status = await getModelWorker().useModel(model.id);
    });
  }

  remove(modelId: string): Promise<void> {
    return this.run('Removing the model…', async () => {
      await getModelWorker().removeModel(modelId);
      await this.refreshModels();
      this.status = await getModelWorker().status();
    });
  }

  private async run(label: string | null, work: () => Promise<void>): Promise<void> {
    this.working = label;
    this.problem = null;
    try {
      await work();
    } catch (error) {
      this.problem = (error as Error).message;
    } finally {
      this.working = null;
      this.progress = null;
    }
  }

  private handle(event: ModelEvent): void {
    if (event.kind === 'status') {
      this.status = event.status;
      if (event.status.busy === null) this.progress = null;
    } else if (event.kind === 'load') {
      this.progress = { kind: 'load', done: event.loaded, total: event.total, file: event.file };
    } else {
      this.progress = { kind: event.kind, done: event.done, total: event.total };
    }
  }
}
