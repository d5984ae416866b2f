import { useQueryClient } from '@tanstack/react-query';
import { useNavigate } from 'react-router';
import type { PipelineDocument } from '@tandem/shared';
import { ApiError } from '../api/http.ts';
import { createPipeline, deletePipeline, importPipeline, pipelineKeys, pipelineQuery, pipelinesQuery } from '../api/pipelines.ts';
import { readJsonFile } from '../ui/file-button.tsx';
import { toast } from '../ui/toast.tsx';

/** Building documents needs the shared schemas; they load on the first create, so the list opens without them. */
const newDocuments = () => import('./new-pipeline-document.ts');

/** The first real problem of a refused document, and how many more there are; the message itself when there are none. */
export function firstProblemInWords(error: unknown): string {
  const problems = error instanceof ApiError ? error.problems : [];
  const first = problems[0];
  if (!first) return (error as Error).message;
  return `${first.message}${problems.length > 1 ? ` (and ${problems.length - 1} more problem${problems.length === 2 ? '' : 's'})` : ''}`;
}

/** Creating, copying, importing and deleting pipelines from the list screen. */
export function usePipelineActions() {
  const queryClient = useQueryClient();
  const navigate = useNavigate();

  /** Creates under a free id; on a 409 (someone took it meanwhile) tries the next one. */
  async function createUnderFreeId(name: string, build: (id: string) => PipelineDocument) {
    const { uniquePipelineId } = await newDocuments();
    const taken = new Set((await queryClient.fetchQuery(pipelinesQuery())).map((pipeline) => pipeline.id));
    for (let attempt = 0; attempt < 5; attempt++) {
      const id = uniquePipelineId(name, taken);
      try {
        const saved = await createPipeline(build(id));
        await queryClient.invalidateQueries({ queryKey: pipelineKeys.all });
        return saved;
      } catch (error) {
        if (error instanceof ApiError && error.status === 409) {
          taken.add(id);
          continue;
        }
        throw error;
      }
    }
    throw new Error('Could not find a free id for this pipeline');
  }

  return {
    async createNew(name: string, description: string) {
      const { createStarterDocument } = await newDocuments();
      const saved = await createUnderFreeId(name, (id) => createStarterDocument(id, name, description || undefined));
      toast(`Created ${name}`);
      await navigate(`/pipelines/${encodeURIComponent(saved.id)}`);
    },
    async copyTemplate(templateId: string, name: string, document?: PipelineDocument) {
      const { copyDocument } = await newDocuments();
      const source = document ?? (await queryClient.fetchQuery(pipelineQuery(templateId))).document;
      const saved = await createUnderFreeId(name, (id) => copyDocument(source, id, name));
      toast(`Created ${name} from a template`);
      await navigate(`/pipelines/${encodeURIComponent(saved.id)}`);
    },
    async importFile(file: File) {
      try {
        const saved = await importPipeline(await readJsonFile(file));
        await queryClient.invalidateQueries({ queryKey: pipelineKeys.all });
        toast(`Imported ${file.name}`, { description: `Saved as ${saved.id} (version ${saved.version})` });
        await navigate(`/pipelines/${encodeURIComponent(saved.id)}`);
      } catch (error) {
        toast(`Could not import ${file.name}`, { tone: 'error', description: firstProblemInWords(error) });
      }
    },
    async remove(id: string) {
      await deletePipeline(id);
      await queryClient.invalidateQueries({ queryKey: pipelineKeys.all });
      toast('Pipeline deleted');
    },
  };
}
