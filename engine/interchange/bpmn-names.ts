// The vocabulary shared by BPMN export and import: namespaces, the ids etomsim gives to
// what it writes, and the BPSim time units. One place, so the two sides cannot drift.

export const NS = {
  bpmn: 'http://www.omg.org/spec/BPMN/20100524/MODEL',
  bpmndi: 'http://www.omg.org/spec/BPMN/20100524/DI',
  dc: 'http://www.omg.org/spec/DD/20100524/DC',
  di: 'http://www.omg.org/spec/DD/20100524/DI',
  bpsim: 'http://www.bpsim.org/schemas/2.0',
  etomsim: 'https://github.com/etomsim/etomsim/bpmn/1',
} as const;

/** BPSim's baseTimeUnit values, in hours. */
export const BPSIM_TIME_UNIT_HOURS: Record<string, number> = {
  ms: 1 / 3_600_000,
  s: 1 / 3600,
  min: 1 / 60,
  hour: 1,
  day: 24,
  year: 24 * 365,
};

/** BPMN elements that annotate a flow and take no part in it (import-bpmn leaves them out). */
export const BPMN_ARTIFACTS: ReadonlySet<string> = new Set([
  'bpmn:TextAnnotation',
  'bpmn:Association',
  'bpmn:Group',
  'bpmn:DataObject',
  'bpmn:DataObjectReference',
  'bpmn:DataStoreReference',
]);
