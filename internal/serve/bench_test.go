package serve

import (
	"fmt"
	"os"
	"path/filepath"
	"testing"
	"time"
)

// BenchmarkSaveToNewPDF measures what the coordinator waits for: from
// the save of a template to the new PDF served, through the watcher and
// the in-memory build; for a new territory (cls init) and for the
// shipped contract. A coordinator saves seconds apart: the saves are
// made after a pause, outside the timer, in which the watcher's debounce
// runs out and the Rebuilder prepares its next document. The
// back-to-back variants save as soon as the last PDF is served.
func BenchmarkSaveToNewPDF(b *testing.B) {
	const pause = 500 * time.Millisecond
	b.Run("init", func(b *testing.B) { saveToNewPDF(b, territory(b), pause) })
	b.Run("lisieux", func(b *testing.B) { saveToNewPDF(b, shipped(b), pause) })
	b.Run("init-back-to-back", func(b *testing.B) { saveToNewPDF(b, territory(b), 0) })
	b.Run("lisieux-back-to-back", func(b *testing.B) { saveToNewPDF(b, shipped(b), 0) })
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

func saveToNewPDF(b *testing.B, cfg string, pause time.Duration) {
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
		if pause > 0 {
			b.StopTimer()
			time.Sleep(pause)
			b.StartTimer()
		}
		old := sha()
		os.WriteFile(text, fmt.Appendf(append([]byte(nil), orig...), "\nPhrase %d.\n", i), 0o644)
		for sha() == old {
			time.Sleep(5 * time.Millisecond)
		}
	}
}
