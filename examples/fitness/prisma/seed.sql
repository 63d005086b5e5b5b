-- Seed data for the fitness-coaching example: one coach, two clients, a training menu each,
-- a week of logged workouts and the activity trail the app would write.
-- Run with `strata db seed` (it runs prisma/seed.sql when no seed command is configured).

INSERT INTO "users" ("id", "email", "name", "role", "coach_id", "updated_at") VALUES
  ('coach_maya', 'maya@fitcoach.example', 'Maya Lindqvist', 'COACH', NULL, now()),
  ('client_omar', 'omar@example.com', 'Omar Haddad', 'CLIENT', 'coach_maya', now()),
  ('client_june', 'june@example.com', 'June Park', 'CLIENT', 'coach_maya', now());

INSERT INTO "training_menus" ("title", "exercises", "author_id", "assignee_id") VALUES
  ('Strength base, week 1',
   '[{"name": "Back squat", "sets": 5, "reps": 5, "kg": 80}, {"name": "Bench press", "sets": 5, "reps": 5, "kg": 60}]',
   'coach_maya', 'client_omar'),
  ('Run-walk intervals',
   '[{"name": "Run", "minutes": 2}, {"name": "Walk", "minutes": 1}, {"repeat": 8}]',
   'coach_maya', 'client_june');

INSERT INTO "user_recaps" ("user_id", "menu_id", "completed_at", "duration_min", "total_volume_kg", "perceived_effort", "notes")
SELECT 'client_omar', m."id", now() - (d || ' days')::interval, 55 + d, 3200.00 + d * 40, 7, CASE WHEN d = 0 THEN 'New squat PR' END
FROM "training_menus" m, generate_series(0, 4, 2) AS d
WHERE m."title" = 'Strength base, week 1';

INSERT INTO "user_recaps" ("user_id", "menu_id", "duration_min", "perceived_effort", "notes")
SELECT 'client_june', m."id", 30, 5, 'Felt easy, ready for longer intervals'
FROM "training_menus" m WHERE m."title" = 'Run-walk intervals';

INSERT INTO "activity_logs" ("user_id", "action", "details") VALUES
  ('coach_maya', 'menu.assign', '{"menu": "Strength base, week 1", "client": "client_omar"}'),
  ('coach_maya', 'menu.assign', '{"menu": "Run-walk intervals", "client": "client_june"}'),
  ('client_omar', 'recap.create', '{"durationMin": 55}'),
  ('client_june', 'recap.create', '{"durationMin": 30}');
