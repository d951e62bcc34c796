import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { AutomationInput, TemplatePreviewInput } from '../api/api-types';
import { api, unwrap } from '../api/client';
import { queryKeys } from '../api/query-keys';

export function useAutomations() {
  return useQuery({ queryKey: queryKeys.automations, queryFn: () => unwrap(api.GET('/v1/automations')) });
}

export function useAutomation(automationId: string | undefined) {
  return useQuery({
    queryKey: queryKeys.automation(automationId ?? ''),
    queryFn: () =>
      unwrap(api.GET('/v1/automations/{automationId}', { params: { path: { automationId: automationId ?? '' } } })),
    enabled: Boolean(automationId),
  });
}

export function useRecipes() {
  return useQuery({
    queryKey: queryKeys.recipes,
    queryFn: () => unwrap(api.GET('/v1/recipes')),
    staleTime: Infinity,
  });
}

export function useMergeFields() {
  return useQuery({
    queryKey: queryKeys.mergeFields,
    queryFn: () => unwrap(api.GET('/v1/merge-fields')),
    staleTime: Infinity,
  });
}

/** Creates (no id) or replaces (id) an automation; the list and that automation are read again. */
export function useSaveAutomation() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ automationId, body }: { automationId?: string; body: AutomationInput }) =>
      automationId
        ? unwrap(api.PUT('/v1/automations/{automationId}', { params: { path: { automationId } }, body }))
        : unwrap(api.POST('/v1/automations', { body })),
    onSuccess: (saved) => {
      queryClient.setQueryData(queryKeys.automation(saved.id), saved);
      return queryClient.invalidateQueries({ queryKey: queryKeys.automations, exact: true });
    },
  });
}

/** The server renders a template exactly as a send would; a read, though it is a POST. */
export function useTemplatePreview(input: TemplatePreviewInput | null) {
  return useQuery({
    queryKey: ['template-preview', input],
    queryFn: () => unwrap(api.POST('/v1/templates/preview', { body: input as TemplatePreviewInput })),
    enabled: input !== null,
    retry: false,
    staleTime: Infinity,
    placeholderData: (previous) => previous,
  });
}
