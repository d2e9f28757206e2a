"""Swedish personal names and e-mail addresses for generated data, from Faker's sv_SE locale.

Faker is seeded once per generator and fills a pool of first and last names (drawn
with Faker's name frequencies); the generator's own random stream picks from the
pool. So the output is deterministic by seed, and a million responses do not pay
for a million Faker calls.
"""

from __future__ import annotations

import random
import unicodedata

from faker import Faker

POOL_SIZE = 400


def _ascii(name: str) -> str:
    """'Åsa Öberg' -> 'asa oberg', as people spell their names in e-mail addresses."""
    decomposed = unicodedata.normalize("NFKD", name.casefold())
    return "".join(c for c in decomposed if c.isascii() and (c.isalnum() or c in "-. "))


class PersonNames:
    """Names and e-mail addresses; ``rng`` picks, a Faker seeded from ``seed`` supplies."""

    def __init__(self, rng: random.Random, seed: int | str):
        fake = Faker("sv_SE")
        fake.seed_instance(seed)
        self.rng = rng
        self.first_names = [fake.first_name() for _ in range(POOL_SIZE)]
        self.last_names = [fake.last_name() for _ in range(POOL_SIZE)]
        self.mail_domains = sorted({fake.free_email_domain() for _ in range(50)})

    @classmethod
    def from_rng(cls, rng: random.Random) -> PersonNames:
        """Seed Faker from the generator's own stream (which its seed determines)."""
        return cls(rng, rng.getrandbits(64))

    def full_name(self) -> str:
        return f"{self.rng.choice(self.first_names)} {self.rng.choice(self.last_names)}"

    def email(self) -> str:
        rng = self.rng
        first = _ascii(rng.choice(self.first_names)).replace(" ", "")
        last = _ascii(rng.choice(self.last_names)).replace(" ", "")
        pattern = rng.random()
        if pattern < 0.4:
            local = f"{first}.{last}"
        elif pattern < 0.7:
            local = f"{first}{last}{rng.randint(50, 99)}"
        elif pattern < 0.85:
            local = f"{first[0]}.{last}"
        else:
            local = f"{first}_{rng.randint(1, 999)}"
        return f"{local}@{rng.choice(self.mail_domains)}"
