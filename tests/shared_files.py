"""Where the project's shared material (spec, 例規集 samples) lies: beside the repository, as in CI."""

from pathlib import Path

SHARED = Path(__file__).resolve().parents[2] / "shared"
MODEL_IDS_MD = SHARED / "spec" / "model-ids.md"
REIKI_SAMPLES = SHARED / "samples" / "reiki-html"
