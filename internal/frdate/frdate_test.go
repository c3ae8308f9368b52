package frdate

import (
	"testing"
	"time"
)

func TestWords(t *testing.T) {
	for in, want := range map[string]string{
		"2025-07-10": "10 juillet 2025",
		"2026-01-01": "1er janvier 2026",
		"2025-08-15": "15 août 2025",
		"bientôt":    "bientôt",
	} {
		if got := Words(in); got != want {
			t.Errorf("Words(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestLong(t *testing.T) {
	d := time.Date(2025, time.March, 11, 0, 0, 0, 0, time.UTC)
	if got := Long(d, true); got != "mardi 11 mars 2025" {
		t.Errorf("Long with weekday = %q", got)
	}
	if got := Long(time.Date(2025, time.July, 1, 0, 0, 0, 0, time.UTC), false); got != "1er juillet 2025" {
		t.Errorf("Long = %q", got)
	}
}
