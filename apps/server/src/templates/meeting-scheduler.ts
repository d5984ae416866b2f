import type { PipelineDocument } from '@tandem/shared';

/** The chosen slot a person confirms: when, how long, who, and the invitation text. */
const proposalSchema = {
  type: 'object',
  properties: {
    start: { type: 'string', format: 'date-time', description: 'Start of the chosen common free slot (ISO 8601, UTC)' },
    durationMinutes: { type: 'integer', minimum: 15, maximum: 60, description: 'Length of the meeting, within the free slot' },
    attendees: { type: 'array', items: { type: 'string' }, minItems: 1, description: 'Who is invited' },
    invitation: { type: 'string', minLength: 20, description: 'A short invitation to send to the attendees' },
  },
  required: ['start', 'durationMinutes', 'attendees', 'invitation'],
};

/** The instruction-system example: LLM, server activity, structured output with introspect, a person confirms. */
export const meetingSchedulerTemplate: PipelineDocument = {
  schema: 'tandem.pipeline/v1',
  id: 'template-meeting-scheduler',
  name: 'Meeting scheduler',
  description: 'IdentifyParticipants → FetchAvailability_Activity → ProposeSlot (introspect) → ConfirmInvitation_User.',
  inputs: {
    type: 'object',
    properties: { request: { type: 'string', description: 'Who should meet, and about what', default: 'Ana and Ben should plan the launch review.' } },
    required: ['request'],
  },
  nodes: [
    { id: 'input', kind: 'input', position: { x: 0, y: 120 }, config: {} },
    {
      id: 'IdentifyParticipants',
      kind: 'llm',
      position: { x: 240, y: 100 },
      config: {
        model: 'sim:writer?tps=800',
        system: 'List the people who must attend the meeting, by name.',
        prompt: '{{input.request}}',
        outputSchema: {
          type: 'object',
          properties: { participants: { type: 'array', items: { type: 'string' }, minItems: 1, maxItems: 12, description: 'Names of the people who must attend' } },
          required: ['participants'],
        },
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
        system: 'Pick the earliest common free slot that suits everyone, and write a short invitation for it.',
        prompt: 'Request: {{input.request}}\nParticipants: {{IdentifyParticipants.json.participants}}\nCommon free slots: {{FetchAvailability_Activity.value.commonSlots}}',
        outputSchema: proposalSchema,
        mixins: ['introspect'],
      },
    },
    {
      id: 'ConfirmInvitation_User',
      kind: 'user',
      position: { x: 1080, y: 100 },
      config: { title: 'Confirm the invitation', instructions: 'Check the time, the attendees and the wording; edit if needed, then approve.', value: '{{ProposeSlot.json}}' },
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
