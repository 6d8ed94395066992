"""questions/seed.yaml is exactly what `quizapp generate` writes for the seed articles."""
from pathlib import Path

import pytest
from click.testing import CliRunner

from quizapp.generate.command import generate

PROJECT = Path(__file__).resolve().parents[2]
SEEDS = PROJECT.parent / "shared" / "seeds"
SEED_SET = PROJECT / "questions" / "seed.yaml"


@pytest.mark.skipif(not SEEDS.is_dir(), reason="seed articles not beside the project")
def test_seed_set_regenerates_identically(tmp_path):
    """Regenerating the seed set from the articles gives the committed file byte for byte."""
    out = tmp_path / "seed.yaml"
    texts = sorted(str(p) for p in SEEDS.glob("*.txt"))
    result = CliRunner().invoke(
        generate, [*texts, "-o", str(out), "--title", "Rússia e Coreia do Norte", "--lang", "pt"])
    assert result.exit_code == 0, result.output
    assert out.read_text(encoding="utf-8") == SEED_SET.read_text(encoding="utf-8")
