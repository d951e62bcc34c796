import { useMutation, useQueries, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Automation, AutomationInput, TemplatePreviewInput } from '../api/api-types';
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

/** Several automations by ID (those an appointment's runs belong to), as a map; missing ones left out. */
export function useAutomationsById(automationIds: readonly string[]): Map<string, Automation> {
  return useQueries({
    queries: [...new Set(automationIds)].map((automationId) => ({
      queryKey: queryKeys.automation(automationId),
      queryFn: () => unwrap(api.GET('/v1/automations/{automationId}', { params: { path: { automationId } } })),
    })),
    combine: (results) =>
      new Map(results.flatMap((result) => (result.data ? [[result.data.id, result.data] as const] : []))),
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
export function useTemplatePreview(input: TemplatePreviewInput) {
  return useQuery({
    queryKey: queryKeys.templatePreview(input),
    queryFn: () => unwrap(api.POST('/v1/templates/preview', { body: input })),
    retry: false,
    staleTime: Infinity,
    placeholderData: (previous) => previous,
  });
}
