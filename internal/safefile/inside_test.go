package safefile

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestInsideRefusesLinksOutOfTheFolder(t *testing.T) {
	base := t.TempDir()
	dir := filepath.Join(base, "templates")
	secret := filepath.Join(base, "secret.txt")
	for _, p := range []string{dir, filepath.Join(dir, "sub")} {
		if err := os.MkdirAll(p, 0o755); err != nil {
			t.Fatal(err)
		}
	}
	for p, s := range map[string]string{secret: "clé", filepath.Join(dir, "a.md"): "# A"} {
		if err := os.WriteFile(p, []byte(s), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	links := map[string]string{
		filepath.Join(dir, "out.md"):         secret,
		filepath.Join(dir, "sub", "up.md"):   filepath.Join("..", "..", "secret.txt"),
		filepath.Join(dir, "shared.md"):      "a.md",
		filepath.Join(dir, "sub", "back.md"): filepath.Join("..", "a.md"),
	}
	for link, target := range links {
		if err := os.Symlink(target, link); err != nil {
			t.Skipf("no symbolic links here: %v", err)
		}
	}
	for _, p := range []string{"out.md", filepath.Join("sub", "up.md")} {
		err := Inside(filepath.Join(dir, p), dir)
		if err == nil || !IsRefusal(err) || !strings.Contains(err.Error(), "hors du dossier") || !strings.Contains(err.Error(), "secret.txt") {
			t.Errorf("%s: %v, want a refusal naming the link's target", p, err)
		}
	}
	for _, p := range []string{"a.md", "shared.md", filepath.Join("sub", "back.md"), "missing.md"} {
		if err := Inside(filepath.Join(dir, p), dir); err != nil {
			t.Errorf("%s: %v, want it accepted", p, err)
		}
	}
	// the folder itself a link: its files are inside
	linked := filepath.Join(base, "linked")
	if err := os.Symlink(dir, linked); err != nil {
		t.Fatal(err)
	}
	if err := Inside(filepath.Join(linked, "a.md"), linked); err != nil {
		t.Errorf("file of a linked folder: %v, want it accepted", err)
	}
}
