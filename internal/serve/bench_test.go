package serve

import (
	"fmt"
	"os"
	"path/filepath"
	"testing"
	"time"
)

// BenchmarkSaveToNewPDF measures what the coordinator waits for: from
// the save of a template to the new PDF served, through the watcher, the
// debounce and the in-memory build; for a new territory (cls init) and
// for the shipped contract.
func BenchmarkSaveToNewPDF(b *testing.B) {
	b.Run("init", func(b *testing.B) { saveToNewPDF(b, territory(b)) })
	b.Run("lisieux", func(b *testing.B) { saveToNewPDF(b, shipped(b)) })
}

// shipped copies the repository's territory into a temporary folder.
func shipped(b *testing.B) string {
	dir := b.TempDir()
	for _, d := range []string{"sources", "templates", "fonts"} {
		if err := os.CopyFS(filepath.Join(dir, d), os.DirFS(filepath.Join("..", "..", d))); err != nil {
			b.Fatal(err)
		}
	}
	yaml, err := os.ReadFile(filepath.Join("..", "..", "cls.yaml"))
	if err != nil {
		b.Fatal(err)
	}
	os.WriteFile(filepath.Join(dir, "cls.yaml"), yaml, 0o644)
	return filepath.Join(dir, "cls.yaml")
}

func saveToNewPDF(b *testing.B, cfg string) {
	text := filepath.Join(filepath.Dir(cfg), "templates", "02-preambule.md")
	orig, err := os.ReadFile(text)
	if err != nil {
		b.Fatal(err)
	}
	s := serveTerritory(b, cfg, nil)
	sha := func() string {
		s.mu.Lock()
		defer s.mu.Unlock()
		if s.st.good == nil {
			return ""
		}
		return s.st.good.sha256
	}
	for sha() == "" {
		if s.view(false).Errors != nil {
			b.Fatalf("the territory does not build: %+v", s.view(false).Errors)
		}
		time.Sleep(10 * time.Millisecond)
	}
	b.ResetTimer()
	for i := range b.N {
		old := sha()
		os.WriteFile(text, fmt.Appendf(append([]byte(nil), orig...), "\nPhrase %d.\n", i), 0o644)
		for sha() == old {
			time.Sleep(5 * time.Millisecond)
		}
	}
}
