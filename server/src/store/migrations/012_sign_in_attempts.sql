-- Sign-in attempts (shown to the admin) and the addresses each user has signed in from (known-good addresses are
-- not slowed down when someone else guesses the user's password).
CREATE TABLE sign_in_attempts (
  id INTEGER PRIMARY KEY,
  at INTEGER NOT NULL,
  username TEXT NOT NULL,
  address TEXT NOT NULL,
  outcome TEXT NOT NULL CHECK (outcome IN ('ok', 'wrong-password', 'refused')),
  reason TEXT
);
CREATE INDEX sign_in_attempts_by_time ON sign_in_attempts (at);

CREATE TABLE known_sign_in_addresses (
  user_id INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  address TEXT NOT NULL,
  last_at INTEGER NOT NULL,
  PRIMARY KEY (user_id, address)
) WITHOUT ROWID;
