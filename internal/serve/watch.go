package serve

import (
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"
)

// The watcher polls rather than asks the system for events: a few dozen
// files stat in well under a millisecond, polling sees a save however the
// editor makes it (Excel and LibreOffice write a temporary file and
// rename it over the workbook), and it works the same on network drives,
// where change events are often not delivered, and on every system.
const (
	// pollEvery is how often the files are looked at. A scan of a
	// territory is some forty file stats (0.1 ms); scanShare bounds a
	// crowded folder's.
	pollEvery = 100 * time.Millisecond
	// debounce is how long the files must stay still before a rebuild: a
	// save touches several files (the workbook, its lock file, a
	// temporary) within a few milliseconds; a workbook still half-written
	// is waited for before the build (awaitWhole).
	debounce = 150 * time.Millisecond
	// maxWait is how long changes may keep coming before a rebuild
	// happens anyway: a file that never stays still (a log, a copy over a
	// slow network, a synchronisation tool) must not hold the page back
	// for ever, and builds during such a storm come one at a time, at
	// most one per maxWait.
	maxWait = 3 * time.Second
	// maxWatched bounds the entries (files and folders) one scan reads
	// under each root: a folder of tens of thousands of files is not a
	// territory, and must not slow the page nor hide the other roots.
	maxWatched = 5000
	// scanShare bounds the time spent scanning: the next scan waits at
	// least scanShare times the last one's duration, so that a crowded
	// folder takes a tenth of one processor at most.
	scanShare = 10
)

// due reports whether a rebuild should start now, for changes first seen
// at first and last seen at last.
func due(now, first, last time.Time) bool {
	return now.Sub(last) >= debounce || now.Sub(first) >= maxWait
}

// pause is how long to wait before the next scan, after one that took
// took.
func pause(took time.Duration) time.Duration {
	return max(pollEvery, scanShare*took)
}

// nextScan is how long to wait before the next scan, at now: the pause,
// or less when changes are pending and will be due sooner (so that a
// save is rebuilt debounce after it, not at the poll after that).
func nextScan(now time.Time, pending bool, first, last time.Time, took time.Duration) time.Duration {
	wait := pause(took)
	if pending {
		due := min(debounce-now.Sub(last), maxWait-now.Sub(first))
		// never more often than a crowded folder's scans allow
		wait = max(min(wait, due), scanShare*took)
	}
	return wait
}

// stamp is what tells that a file changed. For a symbolic link, the
// target's size and time are kept as well: the build reads through the
// link, so a save of the target is a change.
type stamp struct {
	size int64
	mod  time.Time
	mode fs.FileMode
	// target is the stamp of what a link leads to (zero otherwise).
	tsize int64
	tmod  time.Time
	tmode fs.FileMode
}

// snapshot is the state of the watched files, by path.
type snapshot map[string]stamp

// equal reports whether two snapshots describe the same files.
func (s snapshot) equal(o snapshot) bool {
	if len(s) != len(o) {
		return false
	}
	for p, st := range s {
		if ot, ok := o[p]; !ok || ot != st {
			return false
		}
	}
	return true
}

// changed lists the paths of s that are new or different in o.
func (s snapshot) changed(o snapshot) []string {
	var out []string
	for p, st := range o {
		if old, ok := s[p]; !ok || old != st {
			out = append(out, p)
		}
	}
	sort.Strings(out)
	return out
}

// scan stats the watched roots and returns the snapshot and the roots
// that hold more than maxWatched entries, of which only the first are
// watched. A root that is a link to a folder is walked (the build reads
// through it); inside, links are stamped with their target but never
// walked, so that no link leads the watcher out of the root or round a
// cycle. A missing root is simply absent from the snapshot: creating it
// is a change. Nothing is opened but folders: a FIFO or a device is only
// stat'ed.
func scan(roots []string) (snapshot, []string) {
	snap := snapshot{}
	var crowded []string
	for _, root := range roots {
		if !scanRoot(snap, root) {
			crowded = append(crowded, root)
		}
	}
	return snap, crowded
}

// scanRoot adds root to snap, breadth first so that the files at the top
// of a folder (libelles.yaml, theme.yaml, the sections) are always among
// those watched; it reports false when it stopped at maxWatched entries.
func scanRoot(snap snapshot, root string) bool {
	info, err := os.Stat(root)
	if err != nil || !info.IsDir() {
		if st, ok := stampOf(root); ok {
			snap[root] = st
		}
		return true
	}
	budget := maxWatched
	queue := []string{root}
	for len(queue) > 0 {
		dir := queue[0]
		queue = queue[1:]
		entries, more := readDir(dir, budget)
		budget -= len(entries)
		for _, e := range entries {
			if ignored(e.Name()) {
				continue
			}
			p := filepath.Join(dir, e.Name())
			if e.IsDir() {
				queue = append(queue, p)
				continue
			}
			if st, ok := stampOf(p); ok {
				snap[p] = st
			}
		}
		if more || budget <= 0 && len(queue) > 0 {
			return false
		}
	}
	return true
}

// readDir reads at most n entries of dir, sorted by name, and reports
// whether there were more. An unreadable folder reads as empty: the build
// will say why.
func readDir(dir string, n int) ([]fs.DirEntry, bool) {
	if n <= 0 {
		return nil, true
	}
	f, err := os.Open(dir)
	if err != nil {
		return nil, false
	}
	defer f.Close()
	entries, err := f.ReadDir(n + 1)
	more := len(entries) > n
	if more {
		entries = entries[:n]
	}
	if err != nil && err != io.EOF && len(entries) == 0 {
		return nil, false
	}
	sort.Slice(entries, func(i, j int) bool { return entries[i].Name() < entries[j].Name() })
	return entries, more
}

// stampOf is the stamp of p, without following it if it is a link, but
// with its target's; false when p is not there.
func stampOf(p string) (stamp, bool) {
	info, err := os.Lstat(p)
	if err != nil {
		return stamp{}, false
	}
	st := stamp{size: info.Size(), mod: info.ModTime(), mode: info.Mode()}
	if info.Mode()&fs.ModeSymlink != 0 {
		if t, err := os.Stat(p); err == nil { // a broken link or a cycle has no target
			st.tsize, st.tmod, st.tmode = t.Size(), t.ModTime(), t.Mode()
		}
	}
	return st, true
}

// ignored tells the files editors write beside the ones they edit, whose
// coming and going is not a change of the sources: Excel's owner file
// « ~$contrat.xlsx », LibreOffice's lock « .~lock.contrat.xlsx# », the
// backups and swap files of text editors, the Finder's and Explorer's
// records, and cls's own temporary files.
func ignored(name string) bool {
	lower := strings.ToLower(name)
	switch {
	case strings.HasPrefix(name, "~$"), strings.HasPrefix(name, ".~lock."), strings.HasPrefix(name, ".#"),
		strings.HasSuffix(name, "~"), strings.HasSuffix(name, "#"),
		strings.HasPrefix(name, ".cls-"), strings.Contains(name, ".cls-") && strings.HasSuffix(name, ".tmp"):
		return true
	case name == "4913", lower == ".ds_store", lower == "thumbs.db", lower == "desktop.ini":
		return true
	}
	switch filepath.Ext(lower) {
	case ".swp", ".swo", ".swx", ".tmp", ".bak", ".crdownload", ".part":
		return true
	}
	return false
}

// within reports whether path p is dir or inside it.
func within(p, dir string) bool {
	r, err := filepath.Rel(dir, p)
	return err == nil && r != ".." && !strings.HasPrefix(r, ".."+string(filepath.Separator)) && !filepath.IsAbs(r)
}
