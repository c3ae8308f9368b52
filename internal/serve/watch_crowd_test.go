package serve

import (
	"fmt"
	"os"
	"path/filepath"
	"testing"
	"time"
)

// A folder of thousands of stray files inside templates/ must not hide
// the texts beside it: before, the scan stopped in templates/bazar/ and
// a save of templates/theme.yaml was never seen.
func TestScanSeesTopFilesPastACrowdedFolder(t *testing.T) {
	dir := t.TempDir()
	bazar := filepath.Join(dir, "bazar")
	os.Mkdir(bazar, 0o755)
	for i := range maxWatched + 10 {
		os.WriteFile(filepath.Join(bazar, fmt.Sprintf("f%05d.txt", i)), nil, 0o644)
	}
	theme := filepath.Join(dir, "theme.yaml")
	os.WriteFile(theme, []byte("a: 1"), 0o644)
	fonts := filepath.Join(t.TempDir(), "fonts")
	os.Mkdir(fonts, 0o755)
	font := filepath.Join(fonts, "Carlito-Regular.ttf")
	os.WriteFile(font, []byte("x"), 0o644)

	before, crowded := scan([]string{dir, fonts})
	if _, ok := before[theme]; !ok {
		t.Fatalf("theme.yaml not watched beside a crowded folder")
	}
	if _, ok := before[font]; !ok {
		t.Errorf("a crowded root hides the next root")
	}
	if len(crowded) != 1 || crowded[0] != dir {
		t.Errorf("crowded roots: %v, want [%s]", crowded, dir)
	}
	os.WriteFile(theme, []byte("a: 2, saved"), 0o644)
	if now, _ := scan([]string{dir, fonts}); now.equal(before) {
		t.Errorf("a save of theme.yaml is not seen")
	}
}

// Folders count: thousands of empty folders would otherwise be walked
// in full five times a second.
func TestScanCountsFolders(t *testing.T) {
	dir := t.TempDir()
	for i := range maxWatched + 10 {
		os.Mkdir(filepath.Join(dir, fmt.Sprintf("d%05d", i)), 0o755)
	}
	if _, crowded := scan([]string{dir}); len(crowded) != 1 {
		t.Errorf("%d empty folders walked in full", maxWatched+10)
	}
}

// symlink makes a link, or skips where links cannot be made (Windows
// without the privilege).
func symlink(t *testing.T, target, link string) {
	t.Helper()
	if err := os.Symlink(target, link); err != nil {
		t.Skipf("no symbolic links here: %v", err)
	}
}

// A sources folder that is a link (to a shared drive, say) is read by the
// build through the link: its saves must be seen. Before, the link was
// stamped as one file and the saves inside never rebuilt the contract.
func TestScanWalksALinkedRoot(t *testing.T) {
	base := t.TempDir()
	real := filepath.Join(base, "partage")
	os.Mkdir(real, 0o755)
	book := filepath.Join(real, "sigles.xlsx")
	os.WriteFile(book, []byte("v1"), 0o644)
	link := filepath.Join(base, "sources")
	symlink(t, real, link)

	before, _ := scan([]string{link})
	if _, ok := before[filepath.Join(link, "sigles.xlsx")]; !ok {
		t.Fatalf("the workbook behind a linked sources folder is not watched: %v", before)
	}
	os.WriteFile(book, []byte("version 2"), 0o644)
	if now, _ := scan([]string{link}); now.equal(before) {
		t.Errorf("a save behind a linked sources folder is not seen")
	}
}

// Inside a root, a link is stamped with its target (the build reads
// through it) but never walked: neither out of the territory nor round a
// cycle.
func TestScanDoesNotWalkLinksOut(t *testing.T) {
	outside := t.TempDir()
	for i := range 20 {
		os.WriteFile(filepath.Join(outside, fmt.Sprintf("secret%d.md", i)), nil, 0o644)
	}
	shared := filepath.Join(outside, "commun.md")
	os.WriteFile(shared, []byte("v1"), 0o644)
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "01-section.md"), nil, 0o644)
	symlink(t, outside, filepath.Join(dir, "dehors"))
	symlink(t, dir, filepath.Join(dir, "boucle"))
	symlink(t, filepath.Join(dir, "nulle-part"), filepath.Join(dir, "casse.md"))
	symlink(t, shared, filepath.Join(dir, "02-commun.md"))

	before, crowded := scan([]string{dir})
	if len(before) != 5 || len(crowded) != 0 {
		t.Errorf("scan through links: %d entries %v, crowded %v; want the 5 entries of the folder", len(before), keys(before), crowded)
	}
	os.WriteFile(shared, []byte("version 2"), 0o644)
	if now, _ := scan([]string{dir}); now.equal(before) {
		t.Errorf("a save of a linked text is not seen")
	}
}

func keys(s snapshot) []string { return sortedKeys(setOf(s)) }

func setOf(s snapshot) map[string]bool {
	m := map[string]bool{}
	for p := range s {
		m[p] = true
	}
	return m
}

// A file that never stays still must not hold the rebuild back for ever.
func TestDueDuringAStorm(t *testing.T) {
	t0 := time.Date(2026, 1, 1, 12, 0, 0, 0, time.UTC)
	for _, c := range []struct {
		name       string
		now, first time.Duration
		last       time.Duration
		want       bool
	}{
		{"a save, still settling", 100 * time.Millisecond, 0, 0, false},
		{"a save, settled", debounce, 0, 0, true},
		{"a storm under maxWait", maxWait - time.Millisecond, 0, maxWait - 50*time.Millisecond, false},
		{"a storm past maxWait", maxWait, 0, maxWait - 50*time.Millisecond, true},
	} {
		if got := due(t0.Add(c.now), t0.Add(c.first), t0.Add(c.last)); got != c.want {
			t.Errorf("%s: due = %v, want %v", c.name, got, c.want)
		}
	}
}

// A crowded folder is scanned less often: its scans take a tenth of the
// time at most.
func TestPauseGrowsWithTheScan(t *testing.T) {
	if pause(time.Millisecond) != pollEvery || pause(100*time.Millisecond) != scanShare*100*time.Millisecond {
		t.Errorf("pause: %v, %v", pause(time.Millisecond), pause(100*time.Millisecond))
	}
}
