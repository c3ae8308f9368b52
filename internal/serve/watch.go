package serve

import (
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"time"
)

// The watcher polls rather than asks the system for events: a few dozen
// files stat in well under a millisecond, polling sees a save however the
// editor makes it (Excel and LibreOffice write a temporary file and
// rename it over the workbook), and it works the same on network drives,
// where change events are often not delivered, and on every system.
const (
	pollEvery = 200 * time.Millisecond
	// debounce is how long the files must stay still before a rebuild: a
	// save touches several files (the workbook, its lock file, a
	// temporary) within a few milliseconds.
	debounce = 300 * time.Millisecond
	// maxWatched bounds one scan: a folder of tens of thousands of files
	// named as templates is not a territory, and must not slow the page.
	maxWatched = 5000
)

// stamp is what tells that a file changed.
type stamp struct {
	size int64
	mod  time.Time
	mode fs.FileMode
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
	return out
}

// scan stats the watched roots: files are taken as they are, folders
// walked whole (without following links to other folders). A missing
// root is simply absent from the snapshot: creating it is a change.
func scan(roots []string) snapshot {
	snap := snapshot{}
	for _, root := range roots {
		if len(snap) >= maxWatched {
			break
		}
		filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
			if err != nil {
				return nil // an unreadable entry: the build will say why
			}
			if len(snap) >= maxWatched {
				return filepath.SkipAll
			}
			if p != root && ignored(d.Name()) {
				if d.IsDir() {
					return filepath.SkipDir
				}
				return nil
			}
			if d.IsDir() {
				return nil
			}
			info, err := d.Info()
			if err != nil {
				return nil
			}
			snap[p] = stamp{size: info.Size(), mod: info.ModTime(), mode: info.Mode()}
			return nil
		})
	}
	return snap
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

// exists reports whether p names something on the disk.
func exists(p string) bool {
	_, err := os.Stat(p)
	return err == nil
}
