// Which open tasks come next, shared by every learner in the worker: the strategy's ranking while it still has
// open tasks, else file order going on after the task just shown (and round to the start).
interface SeqTask {
  seq: number;
}

export function nextOpenSeqs(tasks: readonly SeqTask[], ranking: readonly number[] | null, isDecided: (i: number) => boolean, afterSeq: number, count: number): number[] {
  const out: number[] = [];
  const offer = (i: number): void => {
    if (!isDecided(i) && (tasks[i] as SeqTask).seq !== afterSeq) out.push((tasks[i] as SeqTask).seq);
  };
  if (ranking) {
    for (const i of ranking) {
      if (out.length >= count) break;
      offer(i);
    }
    if (out.length > 0) return out;
  }
  const n = tasks.length;
  const start = tasks.findIndex((t) => t.seq > afterSeq);
  for (let k = 0; k < n && out.length < count; k++) offer(((start === -1 ? 0 : start) + k) % n);
  return out;
}
