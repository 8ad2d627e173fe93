-- Stores a bulletin ($1, the serialized Bulletin).
INSERT INTO bulletins (bulletin) VALUES ($1) RETURNING id
