package source

import (
	"path/filepath"
	"testing"

	"github.com/contrat-local-sante/cls/internal/config"
)

// BenchmarkRead reads the shipped sources, as every command does.
func BenchmarkRead(b *testing.B) { benchRead(b, nil) }

// BenchmarkReadGlyphs adds the check of every printed character against
// the fonts, as build and check do.
func BenchmarkReadGlyphs(b *testing.B) { benchRead(b, carlito(b).Covers) }

func benchRead(b *testing.B, drawable func(rune) bool) {
	cfg, err := config.Load(filepath.Join("..", "..", "cls.yaml"), nil)
	if err != nil {
		b.Fatal(err)
	}
	dirs := Dirs{Sources: cfg.Path(cfg.Sources), Templates: cfg.Path(cfg.Modeles), Drawable: drawable}
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		Read(cfg, dirs)
	}
}
