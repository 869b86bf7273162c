-- Per-hull combat mitigation: the fraction of incoming damage a hull's shields resist and its
-- armour absorbs. A ship is created with its hull's numbers (e.g. the ship awarded at the end of
-- onboarding). Civilian hulls get little, dedicated combat hulls the most; all stay well below 1.
CREATE TABLE ship_specifications (
  ship_type TEXT PRIMARY KEY
    CHECK (ship_type IN ('ESCAPE_POD', 'LIGHT_FREIGHTER', 'SCOUT_SHIP', 'FAST_COURIER',
                         'CARGO_HAULER', 'DEFENDER', 'COLONY_SHIP', 'CARRIER', 'WARP_JUMPER')),
  shield_resistance REAL NOT NULL CHECK (shield_resistance BETWEEN 0.0 AND 1.0),
  armor_rating REAL NOT NULL CHECK (armor_rating BETWEEN 0.0 AND 1.0)
);

INSERT INTO ship_specifications (ship_type, shield_resistance, armor_rating) VALUES
  ('ESCAPE_POD',      0.00, 0.00),
  ('SCOUT_SHIP',      0.00, 0.02),
  ('FAST_COURIER',    0.00, 0.02),
  ('LIGHT_FREIGHTER', 0.02, 0.03),
  ('CARGO_HAULER',    0.03, 0.05),
  ('COLONY_SHIP',     0.03, 0.05),
  ('WARP_JUMPER',     0.05, 0.05),
  ('DEFENDER',        0.10, 0.10),
  ('CARRIER',         0.15, 0.15);
