import { useCallback } from 'react';
import type { ClassOverviewView, FlagsResponse, GroupPlanView, StudentDetailView } from '../../../server/http/contract';
import { getClassOverview, getFlags, getGroupPlans, getStudentDetail } from '../api';
import { useInsightsResource, type Resource } from './useInsightsResource';

/** The class overview: skills, the students × skills map, next steps. */
export function useInsightsOverview(courseId: string): Resource<ClassOverviewView> {
  const load = useCallback((signal: AbortSignal) => getClassOverview(courseId, { signal }), [courseId]);
  return useInsightsResource(courseId, load);
}

/** Early-warning flags with their model. */
export function useInsightsFlags(courseId: string): Resource<FlagsResponse> {
  const load = useCallback((signal: AbortSignal) => getFlags(courseId, { signal }), [courseId]);
  return useInsightsResource(courseId, load);
}

/** One student's drill-down. */
export function useInsightsStudent(courseId: string, userId: string): Resource<StudentDetailView> {
  const load = useCallback((signal: AbortSignal) => getStudentDetail(courseId, userId, { signal }), [courseId, userId]);
  return useInsightsResource(`${courseId} ${userId}`, load);
}

/** The course's saved group plans. */
export function useInsightsGroupPlans(courseId: string): Resource<GroupPlanView[]> {
  const load = useCallback(async (signal: AbortSignal) => (await getGroupPlans(courseId, { signal })).plans, [courseId]);
  return useInsightsResource(courseId, load);
}
