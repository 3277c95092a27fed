// The demo accounts every fresh data folder starts with: ten operators (a full ЦУР shift, as the team bench
// simulates it), a shift lead and a connector.
// Password = login: this is a reference server for development and tests, never a production identity store.
import type { Role } from '../../shared/domain/user.js';

export interface DemoUser {
  id: string;
  login: string;
  password: string;
  name: string;
  role: Role;
}

const OPERATOR_NAMES = [
  'Анна Петрова', 'Дмитрий Соколов', 'Екатерина Волкова', 'Игорь Кузнецов', 'Мария Лебедева',
  'Сергей Новиков', 'Наталья Козлова', 'Андрей Павлов', 'Татьяна Семёнова', 'Алексей Морозов',
];

export const DEMO_USERS: readonly DemoUser[] = [
  ...OPERATOR_NAMES.map((person, i) => ({
    id: `u-operator${i + 1}`, login: `operator${i + 1}`, password: `operator${i + 1}`,
    name: `Оператор ${i + 1} — ${person}`, role: 'operator' as const,
  })),
  { id: 'u-lead', login: 'lead', password: 'lead', name: 'Старший смены — Ольга Смирнова', role: 'lead' },
  { id: 'u-connector', login: 'connector', password: 'connector', name: 'Коннектор соцсетей и ПОС', role: 'connector' },
];
