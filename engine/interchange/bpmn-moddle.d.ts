// bpmn-moddle 10 ships types for the BPMN model but none for its entry point; bpmn-import.ts
// says what it uses of it.
declare module 'bpmn-moddle';
