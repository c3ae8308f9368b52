package serve

import (
	"os"
	"path/filepath"
	"testing"
	"time"
)

func TestEditorsFilesAreIgnored(t *testing.T) {
	for name, want := range map[string]bool{
		"~$contrat.xlsx":           true,  // Excel's owner file
		".~lock.contrat.xlsx#":     true,  // LibreOffice's lock
		"02-preambule.md~":         true,  // gedit, emacs backup
		".#02-preambule.md":        true,  // emacs lock
		".02-preambule.md.swp":     true,  // vim
		"4913":                     true,  // vim's test file
		"Thumbs.db":                true,  // Explorer
		".DS_Store":                true,  // Finder
		".contrat.pdf.cls-123.tmp": true,  // cls's own
		"contrat.xlsx":             false, // the sources themselves
		"02-preambule.md":          false,
		"libelles.yaml":            false,
		"Carlito-Regular.ttf":      false,
	} {
		if got := ignored(name); got != want {
			t.Errorf("ignored(%q) = %v, want %v", name, got, want)
		}
	}
}

func TestScanSeesSavesNotLocks(t *testing.T) {
	dir := t.TempDir()
	book := filepath.Join(dir, "sources", "contrat.xlsx")
	os.MkdirAll(filepath.Dir(book), 0o755)
	os.WriteFile(book, []byte("v1"), 0o644)
	before, _ := scan([]string{filepath.Join(dir, "sources"), filepath.Join(dir, "cls.yaml")})
	if len(before) != 1 {
		t.Fatalf("scan: %v", before)
	}
	// opening the workbook in Excel and LibreOffice
	os.WriteFile(filepath.Join(dir, "sources", "~$contrat.xlsx"), []byte("owner"), 0o644)
	os.WriteFile(filepath.Join(dir, "sources", ".~lock.contrat.xlsx#"), []byte("lock"), 0o644)
	if now, _ := scan([]string{filepath.Join(dir, "sources"), filepath.Join(dir, "cls.yaml")}); !now.equal(before) {
		t.Errorf("a lock file counts as a change: %v", before.changed(now))
	}
	// saving it, and creating cls.yaml
	os.WriteFile(book, []byte("version 2"), 0o644)
	os.WriteFile(filepath.Join(dir, "cls.yaml"), []byte("x"), 0o644)
	now, _ := scan([]string{filepath.Join(dir, "sources"), filepath.Join(dir, "cls.yaml")})
	if now.equal(before) || len(before.changed(now)) != 2 {
		t.Errorf("saves not seen: %v", before.changed(now))
	}
}

func TestScanIsBounded(t *testing.T) {
	dir := t.TempDir()
	for i := range maxWatched + 10 {
		os.WriteFile(filepath.Join(dir, "f"+time.Duration(i).String()+".md"), nil, 0o644)
	}
	snap, crowded := scan([]string{dir})
	if n := len(snap); n != maxWatched {
		t.Errorf("scan took %d files, want at most %d", n, maxWatched)
	}
	if len(crowded) != 1 || crowded[0] != dir {
		t.Errorf("crowded folder not reported: %v", crowded)
	}
}

// A workbook caught half-written is waited for; one that stays damaged
// is left to the build, which reports it.
func TestHalfWrittenWorkbookIsWaitedFor(t *testing.T) {
	cfg := territory(t)
	book := filepath.Join(filepath.Dir(cfg), "sources", "sigles.xlsx")
	whole, err := os.ReadFile(book)
	if err != nil {
		t.Fatal(err)
	}
	os.WriteFile(book, whole[:len(whole)/2], 0o644)
	sleeps := 0
	finish := func(time.Duration) {
		sleeps++
		if sleeps == 2 {
			os.WriteFile(book, whole, 0o644) // the program ends its save
		}
	}
	if !awaitWhole([]string{book, filepath.Join(filepath.Dir(book), "other.md")}, finish) || sleeps != 2 {
		t.Errorf("not waited for: %d waits", sleeps)
	}
	os.WriteFile(book, whole[:len(whole)/2], 0o644)
	sleeps = 0
	if awaitWhole([]string{book}, func(time.Duration) { sleeps++ }) || sleeps != wholeTries-1 {
		t.Errorf("a damaged workbook: %d waits, want %d and false", sleeps, wholeTries-1)
	}
}
