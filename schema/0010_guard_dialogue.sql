-- 0010: the onboarding guard's words as reference data, so a game rewrites them with SQL or its
-- own migration instead of rebuilding the engine.

-- Reference: the guard's questions when no dialogue provider phrases them. Topics are asked in
-- topic_position order (those not yet covered first); a session's hash picks the question among
-- its topic's, in position order. "{ship}" is the claimed ship in words ("scout ship").
CREATE TABLE guard_questions (
  topic TEXT NOT NULL CHECK (length(topic) BETWEEN 1 AND 50 AND topic <> 'introduction'),
  topic_position INTEGER NOT NULL CHECK (topic_position >= 1),
  position INTEGER NOT NULL CHECK (position >= 1),
  text TEXT NOT NULL CHECK (length(text) BETWEEN 1 AND 500),
  PRIMARY KEY (topic, position)
);

CREATE INDEX guard_questions_in_order ON guard_questions (topic_position, position);

-- Reference: the guard's other lines. 'opening' greets a new arrival ("{title}", "{name}" and
-- "{ships}", the ships on the pad in words); the moods precede each question by the guard's
-- suspicion ("{name}").
CREATE TABLE guard_lines (
  kind TEXT PRIMARY KEY CHECK (kind IN ('opening', 'mood_alarmed', 'mood_wary', 'mood_calm')),
  text TEXT NOT NULL CHECK (length(text) BETWEEN 1 AND 1000)
);

INSERT INTO guard_questions (topic, topic_position, position, text) VALUES
  ('identity_verification', 1, 1,
   'State your name and the registry your pilot license was issued under.'),
  ('identity_verification', 1, 2,
   'Your face is not in my crew logs. Who are you, and who can vouch for you?'),
  ('identity_verification', 1, 3,
   'Show me your clearance. Whose authorization put you on this pad?'),
  ('arrival_details', 2, 1, 'When did you dock at Callisto, and where did you come from?'),
  ('arrival_details', 2, 2,
   'Walk me through your arrival: which berth, which shift, who signed you in?'),
  ('arrival_details', 2, 3,
   'Your entry is not on the docking manifest. How did you get onto this pad?'),
  ('ship_knowledge', 3, 1,
   'If that {ship} is yours, tell me something only its owner would know.'),
  ('ship_knowledge', 3, 2,
   'What is the {ship} carrying right now, and what does its cargo manifest say?'),
  ('ship_knowledge', 3, 3, 'How did you come by the {ship}? Bought, built or handed down?'),
  ('situational_awareness', 4, 1,
   'There was an alarm on deck three an hour ago. What did you see?'),
  ('situational_awareness', 4, 2, 'Who else has been near the {ship} since you arrived?'),
  ('situational_awareness', 4, 3,
   'That cat has been circling your ship all shift. Any idea whose it is?');

INSERT INTO guard_lines (kind, text) VALUES
  ('opening',
   'The docking bay of Callisto Shipyard hums with cooling engines while an orange cat darts '
   || 'between the landing struts. {title} {name} steps into your path, datapad raised. "Hold '
   || 'it. Nobody boards a ship on my pad without clearance. I have {ships} logged here. Which '
   || 'one is yours, and why should I believe you?"'),
  ('mood_alarmed', '{name}''s hand drifts toward the alarm panel.'),
  ('mood_wary', '{name} studies you for a long moment.'),
  ('mood_calm', '{name} nods, almost friendly now.');
