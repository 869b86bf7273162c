-- How game time moves for this save (docs/rules.md, "Game time"). Game time is
-- anchor_game_at + (clock reading - anchor_clock_at) × speed, never below reached_at; paused:
-- anchor_game_at; manual: reached_at (only advance_to moves it). last_clock_at is the clock
-- reading the last command saw, to notice a clock set back or far forward.
ALTER TABLE game_clock ADD COLUMN mode TEXT NOT NULL DEFAULT 'real_time'
  CHECK (mode IN ('real_time', 'paused_while_closed', 'manual'));
ALTER TABLE game_clock ADD COLUMN speed REAL NOT NULL DEFAULT 1.0
  CHECK (speed > 0.0 AND speed <= 1000000.0);
ALTER TABLE game_clock ADD COLUMN paused INTEGER NOT NULL DEFAULT 0 CHECK (paused IN (0, 1));
ALTER TABLE game_clock ADD COLUMN anchor_clock_at INTEGER;
ALTER TABLE game_clock ADD COLUMN anchor_game_at INTEGER;
ALTER TABLE game_clock ADD COLUMN last_clock_at INTEGER;
