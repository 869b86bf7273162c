-- 0007: the reference data a new game file starts with, from the research notes
-- (research/sectorwars.md, research/aurora-platform.md). Ids are explicit so every file starts
-- identical; created_at/updated_at = 0 marks a row that shipped with the schema (before any game
-- time).

-- The starting sector (players.home_sector_id / current_sector_id default to 1).
INSERT INTO sectors (id, name, created_at, updated_at) VALUES (1, NULL, 0, 0);

-- Factions: the original's seeded roster (six allyable factions plus Pirates), and the Shadow
-- Syndicate, which the rivalry rule needs.
INSERT INTO factions (id, code, name, faction_type, description, aggression_level,
                      diplomacy_stance, color_primary, color_secondary, created_at, updated_at)
VALUES
  ('fac00000-0000-4000-8000-000000000001', 'terran_federation', 'Terran Federation', 'Federation',
   'Earth''s parliamentary government scaled to the settled volume. Order is the precondition '
   || 'for prosperity; maintains a standing navy and the Federation Bounty Board.',
   4, 'friendly', '#0066CC', '#FFFFFF', 0, 0),
  ('fac00000-0000-4000-8000-000000000002', 'mercantile_guild', 'Mercantile Guild', 'Merchants',
   'A neutral merchant cartel that built the inter-sector trade network. Charges the same prices '
   || 'to everyone: the manifest is the only thing that matters.',
   2, 'neutral', '#009900', '#FFCC00', 0, 0),
  ('fac00000-0000-4000-8000-000000000003', 'frontier_coalition', 'Frontier Coalition',
   'Independents',
   'Loose alliance of outer-rim colonies that broke from Federation oversight. Self-sufficient '
   || 'where possible, prickly where not.',
   6, 'neutral', '#FF9900', '#333333', 0, 0),
  ('fac00000-0000-4000-8000-000000000004', 'astral_mining_consortium', 'Astral Mining Consortium',
   'Mining',
   'The galaxy''s largest extraction conglomerate. Owns mining rights on most resource-rich '
   || 'planets and belts; treats independent miners as competition.',
   5, 'neutral', '#8B5A2B', '#333333', 0, 0),
  ('fac00000-0000-4000-8000-000000000005', 'nova_scientific_institute',
   'Nova Scientific Institute', 'Explorers',
   'A multi-discipline research institute studying warp-tunnel mechanics, quantum trade dynamics '
   || 'and exotic-matter applications.',
   3, 'friendly', '#6600CC', '#CCCCCC', 0, 0),
  ('fac00000-0000-4000-8000-000000000006', 'fringe_alliance', 'Fringe Alliance', 'Outlaws',
   'Loose confederation of smugglers, ex-pirates, refugees and dissidents who reject Federation '
   || 'jurisdiction. Operates on a loose honour code, unlike the Pirates.',
   7, 'hostile', '#996600', '#000000', 0, 0),
  ('fac00000-0000-4000-8000-000000000007', 'pirates', 'Pirates', 'Pirates',
   'Anarchic raiders that exist as antagonists. Players cannot accumulate positive reputation '
   || 'with Pirates, only attack them.',
   10, 'hostile', '#CC0000', '#000000', 0, 0),
  ('fac00000-0000-4000-8000-000000000008', 'shadow_syndicate', 'Shadow Syndicate', 'Syndicate',
   'An organised-crime network working the trade lanes from the shadows; the Mercantile Guild''s '
   || 'rival.',
   7, 'hostile', NULL, NULL, 0, 0);

-- Rival pairs (stored with faction_a_id < faction_b_id).
INSERT INTO faction_rivalries (faction_a_id, faction_b_id, max_combined) VALUES
  ('fac00000-0000-4000-8000-000000000001', 'fac00000-0000-4000-8000-000000000006', 800),
  ('fac00000-0000-4000-8000-000000000002', 'fac00000-0000-4000-8000-000000000008', 600);

-- The 17 faction reputation tiers with the code's bands: NEUTRAL -50..49, RECOGNIZED 50..99,
-- then 100-wide bands up to EXALTED 700..800 and down to PUBLIC_ENEMY -800..-701.
INSERT INTO reputation_tiers (level, numeric_level, title, min_value, max_value) VALUES
  ('PUBLIC_ENEMY',  -8, 'Public Enemy',  -800, -701),
  ('CRIMINAL',      -7, 'Criminal',      -700, -601),
  ('OUTLAW',        -6, 'Outlaw',        -600, -501),
  ('PIRATE',        -5, 'Pirate',        -500, -401),
  ('SMUGGLER',      -4, 'Smuggler',      -400, -301),
  ('UNTRUSTWORTHY', -3, 'Untrustworthy', -300, -201),
  ('SUSPICIOUS',    -2, 'Suspicious',    -200, -101),
  ('QUESTIONABLE',  -1, 'Questionable',  -100,  -51),
  ('NEUTRAL',        0, 'Neutral',        -50,   49),
  ('RECOGNIZED',     1, 'Recognized',      50,   99),
  ('ACKNOWLEDGED',   2, 'Acknowledged',   100,  199),
  ('TRUSTED',        3, 'Trusted',        200,  299),
  ('RESPECTED',      4, 'Respected',      300,  399),
  ('VALUED',         5, 'Valued',         400,  499),
  ('HONORED',        6, 'Honored',        500,  599),
  ('REVERED',        7, 'Revered',        600,  699),
  ('EXALTED',        8, 'Exalted',        700,  800);

-- The 8 personal reputation tiers: name colour, price factor the player pays, bounty-hunter
-- aggro (Criminal, Villain) and faction standing bonus (Heroic, Legendary).
INSERT INTO personal_reputation_tiers (name, min_value, max_value, name_color, price_factor,
                                       bounty_hunter_aggro, faction_standing_bonus) VALUES
  ('Villain',    -1000, -750, '#FF0000', 1.20, 1, 0),
  ('Criminal',    -749, -500, '#FF4400', 1.15, 1, 0),
  ('Outlaw',      -499, -250, '#FF8800', 1.10, 0, 0),
  ('Suspicious',  -249,   -1, '#FFCC00', 1.05, 0, 0),
  ('Neutral',        0,    0, '#FFFFFF', 1.00, 0, 0),
  ('Lawful',         1,  249, '#88FF88', 0.97, 0, 0),
  ('Heroic',       250,  499, '#00FF00', 0.95, 0, 5),
  ('Legendary',    500, 1000, '#00FFFF', 0.90, 0, 5);

-- The 18 military ranks: points needed, trade discount %, combat damage %, +max turns, and the
-- achievement gate that must also be met to be promoted into the rank.
INSERT INTO military_ranks (level, name, tier, points_required, trade_discount_pct,
                            combat_damage_pct, max_turns_bonus, requirements) VALUES
  ( 0, 'Recruit',               'Enlisted',     0,  0,  0,   0, '{}'),
  ( 1, 'Spacer',                'Enlisted',    50,  2,  1,   5, '{}'),
  ( 2, 'Corporal',              'Enlisted',   150,  3,  2,  10, '{}'),
  ( 3, 'Sergeant',              'NCO',        300,  5,  4,  15,
   '{"trades":25,"sectors_visited":50}'),
  ( 4, 'Staff Sergeant',        'NCO',        500,  6,  5,  20,
   '{"trades":50,"combat_wins":10}'),
  ( 5, 'Master Sergeant',       'NCO',        800,  7,  6,  25,
   '{"trades":100,"combat_wins":25,"sectors_visited":100}'),
  ( 6, 'Warrant Officer',       'Warrant',   1200,  8,  8,  30,
   '{"trades":200,"combat_wins":50}'),
  ( 7, 'Chief Warrant Officer', 'Warrant',   1800, 10, 10,  35, '{}'),
  ( 8, 'Ensign',                'Officer',   2500, 12, 12,  40,
   '{"combat_wins":100,"planets_owned":1}'),
  ( 9, 'Lieutenant',            'Officer',   3500, 15, 14,  45,
   '{"trades":500,"combat_wins":200}'),
  (10, 'Commander',             'Officer',   5000, 18, 16,  50,
   '{"combat_wins":500,"planets_owned":3}'),
  (11, 'Captain',               'Officer',   7000, 20, 18,  55,
   '{"trades":1000,"combat_wins":1000,"planets_owned":5}'),
  (12, 'Senior Captain',        'Officer',  10000, 22, 20,  60, '{}'),
  (13, 'Commodore',             'Flag',     14000, 25, 22,  70, '{}'),
  (14, 'Rear Admiral',          'Flag',     20000, 30, 25,  80, '{}'),
  (15, 'Vice Admiral',          'Flag',     28000, 35, 28,  90, '{}'),
  (16, 'Admiral',               'Flag',     40000, 40, 32, 100, '{}'),
  (17, 'Fleet Admiral',         'Flag',     60000, 50, 40, 120, '{}');

-- Starter ships: rarity tier, draw weight, credits awarded with the ship, and the persuasion
-- threshold per negotiation skill (the code-seed values; the later rebalancing migrations of the
-- original only updated existing rows).
INSERT INTO ship_rarity_config (ship_type, rarity_tier, spawn_chance, base_credits,
                                weak_threshold, average_threshold, strong_threshold) VALUES
  ('ESCAPE_POD',      1, 100,  1000, 0.30, 0.30, 0.30),
  ('LIGHT_FREIGHTER', 2,  50,  2500, 0.40, 0.35, 0.30),
  ('SCOUT_SHIP',      3,  25,  2000, 0.55, 0.50, 0.45),
  ('FAST_COURIER',    3,  20,  3000, 0.55, 0.50, 0.45),
  ('CARGO_HAULER',    4,  10,  5000, 0.65, 0.55, 0.50),
  ('DEFENDER',        5,   5,  7000, 0.75, 0.65, 0.60),
  ('COLONY_SHIP',     6,   3, 10000, 0.80, 0.70, 0.65),
  ('CARRIER',         7,   1, 15000, 0.85, 0.75, 0.70);

-- The onboarding guard: 12 names (index |h| mod 12), 6 titles (|h >> 4| mod 6) and 6 traits
-- (|h >> 8| mod 6) with base suspicion and persuasion-threshold modifier.
INSERT INTO guard_personalities (kind, position, value) VALUES
  ('name', 0, 'Chen'),
  ('name', 1, 'Rodriguez'),
  ('name', 2, 'Sato'),
  ('name', 3, 'O''Brien'),
  ('name', 4, 'Kowalski'),
  ('name', 5, 'Singh'),
  ('name', 6, 'Müller'),
  ('name', 7, 'Nakamura'),
  ('name', 8, 'Garcia'),
  ('name', 9, 'Petrov'),
  ('name', 10, 'Kim'),
  ('name', 11, 'Anderson'),
  ('title', 0, 'Security Officer'),
  ('title', 1, 'Guard'),
  ('title', 2, 'Security Chief'),
  ('title', 3, 'Station Inspector'),
  ('title', 4, 'Docking Authority'),
  ('title', 5, 'Customs Officer');

INSERT INTO guard_personalities (kind, position, value, description, base_suspicion,
                                 threshold_modifier) VALUES
  ('trait', 0, 'Strict Rule-Follower',
   'By-the-book enforcer who trusts procedure over instinct', 0.60, 0.10),
  ('trait', 1, 'Friendly Veteran',
   'Experienced officer who''s seen it all and can spot a good story', 0.30, -0.10),
  ('trait', 2, 'Paranoid Newbie',
   'Fresh recruit trying to prove themselves, suspicious of everyone', 0.70, 0.10),
  ('trait', 3, 'Tired Night-Shifter',
   'Exhausted from long shifts, just wants to process paperwork quickly', 0.40, -0.10),
  ('trait', 4, 'Shrewd Investigator',
   'Keen observer who listens carefully and catches inconsistencies', 0.50, 0.0),
  ('trait', 5, 'Cynical Bureaucrat',
   'Seen too many lies to trust anyone easily', 0.55, 0.0);

-- Currencies: 'credits' (whole, the default: players' credits, the RPG balance, team treasury
-- credits), 'fragments' (the platform's smaller denomination), and the space game's eleven
-- treasury resources.
INSERT INTO currencies (id, type, name, kind, is_default, created_at, updated_at) VALUES
  ( 1, 'whole', 'credits',          'money',    1, 0, 0),
  ( 2, 'denom', 'fragments',        'money',    0, 0, 0),
  ( 3, 'whole', 'fuel',             'resource', 0, 0, 0),
  ( 4, 'whole', 'organics',         'resource', 0, 0, 0),
  ( 5, 'whole', 'equipment',        'resource', 0, 0, 0),
  ( 6, 'whole', 'technology',       'resource', 0, 0, 0),
  ( 7, 'whole', 'luxury_items',     'resource', 0, 0, 0),
  ( 8, 'whole', 'precious_metals',  'resource', 0, 0, 0),
  ( 9, 'whole', 'raw_materials',    'resource', 0, 0, 0),
  (10, 'whole', 'plasma',           'resource', 0, 0, 0),
  (11, 'whole', 'bio_samples',      'resource', 0, 0, 0),
  (12, 'whole', 'dark_matter',      'resource', 0, 0, 0),
  (13, 'whole', 'quantum_crystals', 'resource', 0, 0, 0);

-- System accounts per currency: the mint (id 2c-1; issues money, so it may go negative: its
-- balance is minus everything in circulation) and the sink (id 2c; receives spent money).
INSERT INTO accounts (id, currency_id, owner_kind, system_name, balance, allow_negative,
                      created_at, updated_at)
SELECT 2 * id - 1, id, 'system', 'mint', 0, 1, 0, 0 FROM currencies ORDER BY id;

INSERT INTO accounts (id, currency_id, owner_kind, system_name, balance, allow_negative,
                      created_at, updated_at)
SELECT 2 * id, id, 'system', 'sink', 0, 0, 0, 0 FROM currencies ORDER BY id;

-- Privileges (research/aurora-platform.md §2.2).
INSERT INTO privileges (id, privilege, description, automatic, created_at, updated_at) VALUES
  ( 1, 'web', 'Log in, navigate and view pages (kept by banned users).', 0, 0, 0),
  ( 2, 'report', 'Report content and users (kept by banned users).', 0, 0, 0),
  ( 3, 'play', 'Join game servers and play.', 0, 0, 0),
  ( 4, 'shop', 'Buy character items.', 0, 0, 0),
  ( 5, 'community', 'Comment and rate.', 0, 0, 0),
  ( 6, 'create:game', 'Create games.', 0, 0, 0),
  ( 7, 'create:clothing', 'Create clothing.', 0, 0, 0),
  ( 8, 'trade', 'Trade with other users.', 0, 0, 0),
  ( 9, 'oidc', 'Log in to connected platforms (forum, ...).', 0, 0, 0),
  (10, 'create:accessory', 'Create accessories.', 0, 0, 0),
  (11, 'ban', 'Ban users for up to one month; no IP bans.', 0, 0, 0),
  (12, 'privban', 'Ban users from single privileges.', 0, 0, 0),
  (13, 'contentmod', 'Moderate content revisions and reports.', 0, 0, 0),
  (14, 'server:quarantine', 'Quarantine a game server (no new joins).', 0, 0, 0),
  (15, 'permaban', 'Ban users and IP addresses/networks without limits.', 0, 0, 0),
  (16, 'server:stop', 'Stop game servers.', 0, 0, 0),
  (17, 'server:banhost', 'Ban hosting networks.', 0, 0, 0),
  (18, 'server:provision', 'Manage provisioning hosts and official servers.', 0, 0, 0),
  (19, 'host', 'Host and announce own servers (granted after a minimum account age).', 0, 0, 0),
  (20, 'contentedit', 'Edit every content field, including internal ones such as max stock.',
   0, 0, 0),
  (21, 'root', 'Anything.', 0, 0, 0),
  (22, 'create:character', 'Create characters.', 0, 0, 0);

-- The default role tree: player -> member -> moderator -> admin (each inherits its parent's
-- privileges), plus 'reduced', what a fully banned user keeps. New users get 'player'.
INSERT INTO roles (id, role, parent_id, automatic, created_at, updated_at) VALUES
  (1, 'player', NULL, 1, 0, 0),
  (2, 'member', 1, 0, 0, 0),
  (3, 'moderator', 2, 0, 0, 0),
  (4, 'admin', 3, 0, 0, 0),
  (5, 'reduced', NULL, 0, 0, 0);

-- Each role lists only what it adds to its parent.
INSERT INTO role_privileges (role_id, privilege_id) VALUES
  (1, 1), (1, 2), (1, 3), (1, 4), (1, 5), (1, 6), (1, 7), (1, 8), (1, 9),
  (2, 10),
  (3, 11), (3, 12), (3, 13), (3, 14),
  (4, 15), (4, 16), (4, 17), (4, 18), (4, 20),
  (5, 1), (5, 2);
