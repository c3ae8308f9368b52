package serve

import (
	"os"
	"path/filepath"
	"testing"
	"time"
)

// A pending save is looked at again when it will be due, not at the poll
// after: a save is rebuilt debounce after it. A crowded folder's scans
// still come no more often than scanShare allows.
func TestNextScanWhenDue(t *testing.T) {
	t0 := time.Date(2026, 1, 1, 12, 0, 0, 0, time.UTC)
	ms := time.Millisecond
	for _, c := range []struct {
		name    string
		now     time.Duration
		pending bool
		took    time.Duration
		want    time.Duration
	}{
		{"nothing pending", 0, false, ms / 10, pollEvery},
		{"a save just seen", 0, true, ms / 10, min(pollEvery, debounce)},
		{"a save seen 100 ms ago", 100 * ms, true, ms / 10, debounce - 100*ms},
		{"a save already due", 2 * debounce, true, ms / 10, scanShare * ms / 10},
		{"a crowded folder", 100 * ms, true, 30 * ms, scanShare * 30 * ms},
	} {
		if got := nextScan(t0.Add(c.now), c.pending, t0, t0, c.took); got != c.want {
			t.Errorf("%s: %v, want %v", c.name, got, c.want)
		}
	}
}

// The notifier wakes the watcher when a watched folder changes, long
// before a poll would; a nil notifier (the system offers none) reports
// nothing and needs nothing.
func TestNotifierWakes(t *testing.T) {
	dir := t.TempDir()
	sources := filepath.Join(dir, "sources")
	os.Mkdir(sources, 0o755)
	book := filepath.Join(sources, "contrat.xlsx")
	os.WriteFile(book, []byte("avant"), 0o644)
	n := newNotifier()
	if n == nil {
		t.Skip("no file notifications on this system: the poll alone watches")
	}
	defer n.close()
	snap, _ := scan([]string{sources})
	n.follow(snap, []string{sources})
	if err := os.WriteFile(book, []byte("après"), 0o644); err != nil {
		t.Fatal(err)
	}
	select {
	case <-n.changes():
	case <-time.After(5 * time.Second):
		t.Fatal("a save in a watched folder woke nothing in 5 s")
	}

	var none *notifier
	none.follow(snap, []string{sources})
	none.close()
	if none.changes() != nil {
		t.Error("a nil notifier has a channel")
	}
}
