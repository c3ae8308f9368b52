// Package golden compares a test's output with a file kept under testdata/,
// line by line, and rewrites the file when the test runs with -update after
// a deliberate change of wording.
package golden

import (
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite the golden files under testdata/")

// Check compares got with the file at path, or rewrites it with -update.
func Check(t testing.TB, path, got string) {
	t.Helper()
	if *update {
		os.MkdirAll(filepath.Dir(path), 0o755)
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run with -update to create it)", err)
	}
	if string(want) != got {
		wl, gl := strings.Split(string(want), "\n"), strings.Split(got, "\n")
		for i := 0; i < len(wl) && i < len(gl); i++ {
			if wl[i] != gl[i] {
				t.Fatalf("%s line %d:\nwant %s\n got %s", path, i+1, wl[i], gl[i])
			}
		}
		t.Fatalf("%s: %d lines, got %d", path, len(wl), len(gl))
	}
}
