import type { ScheduleService } from '../../services/schedules';
import type { ControlRoute } from './api';

export interface SchedulePorts {
  schedules: ScheduleService;
}

export function scheduleRoutes(p: SchedulePorts): ControlRoute[] {
  return [
    {
      method: 'GET',
      pattern: /^schedules$/,
      run: async () => p.schedules.list(),
    },
    {
      method: 'POST',
      pattern: /^schedules\/(.+)\/run$/,
      async run([name]) {
        await p.schedules.runNow(name);
        return { fired: name };
      },
    },
  ];
}
