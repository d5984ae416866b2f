import type { PipelineDocument } from '@tandem/shared';

/** The instruction-system example: LLM, server activity, structured output with introspect, a person confirms. */
export const meetingSchedulerTemplate: PipelineDocument = {
  schema: 'tandem.pipeline/v1',
  id: 'template-meeting-scheduler',
  name: 'Meeting scheduler',
  description: 'IdentifyParticipants → FetchAvailability_Activity → ProposeSlot (introspect) → ConfirmInvitation_User.',
  inputs: { type: 'object', properties: { request: { type: 'string', description: 'Who should meet, and about what' } }, required: ['request'] },
  nodes: [
    { id: 'input', kind: 'input', position: { x: 0, y: 120 }, config: {} },
    {
      id: 'IdentifyParticipants',
      kind: 'llm',
      position: { x: 240, y: 100 },
      config: {
        model: 'sim:writer?tps=800',
        system: 'List the people who must attend.',
        prompt: '{{input.request}}',
        outputSchema: { type: 'object', properties: { participants: { type: 'array', items: { type: 'string' }, minItems: 1 } }, required: ['participants'] },
      },
    },
    {
      id: 'FetchAvailability_Activity',
      kind: 'activity',
      position: { x: 520, y: 100 },
      config: { type: 'function', name: 'fetchAvailability', args: { participants: '{{IdentifyParticipants.json.participants}}', days: '3' } },
    },
    {
      id: 'ProposeSlot',
      kind: 'llm',
      position: { x: 800, y: 100 },
      config: {
        model: 'sim:writer?tps=800',
        system: 'Pick the best common slot and write a short invitation.',
        prompt: 'Request: {{input.request}}\nCommon free slots: {{FetchAvailability_Activity.value.commonSlots}}',
        outputSchema: { type: 'object', properties: { slot: { type: 'string' }, invitation: { type: 'string' } }, required: ['slot', 'invitation'] },
        mixins: ['introspect'],
      },
    },
    {
      id: 'ConfirmInvitation_User',
      kind: 'user',
      position: { x: 1080, y: 100 },
      config: { title: 'Confirm the invitation', instructions: 'Check the slot and the wording, edit if needed, then approve.', value: '{{ProposeSlot.json}}' },
    },
    { id: 'out', kind: 'output', position: { x: 1360, y: 120 }, config: { value: '{{ConfirmInvitation_User}}' } },
  ],
  edges: [
    { id: 'e1', source: 'input', target: 'IdentifyParticipants' },
    { id: 'e2', source: 'IdentifyParticipants', target: 'FetchAvailability_Activity' },
    { id: 'e3', source: 'FetchAvailability_Activity', target: 'ProposeSlot' },
    { id: 'e4', source: 'ProposeSlot', target: 'ConfirmInvitation_User' },
    { id: 'e5', source: 'ConfirmInvitation_User', target: 'out' },
  ],
};
