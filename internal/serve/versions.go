package serve

import (
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"github.com/contrat-local-sante/cls/internal/config"
)

// maxVersions bounds the versions offered for a comparison or as the
// version before an avenant.
const maxVersions = 200

// version is a contract PDF a comparison or an avenant can start from:
// the contract last built to sign, or one that a build replaced and kept
// in the archive folder.
type version struct {
	key   string // the form's value: "sortie" or "archive/NAME"
	label string
	path  string
	mod   time.Time
}

// outputPath is where « cls build » writes the contract: --out, else
// sortie.dossier/sortie.fichier of the territory.
func (s *Server) outputPath(cfg *config.Config) string {
	if s.opt.Out != "" {
		return s.opt.Out
	}
	return cfg.Path(filepath.Join(cfg.Sortie.Dossier, cfg.Sortie.Fichier))
}

// versions lists the contract in place and the archive beside it, newest
// first. Only regular files are listed (a link could lead anywhere), and
// the configured output and archive folders only when no link leads them
// out of the territory (as the builds refuse to write there); a request
// names a version by its key, never by a path.
func (s *Server) versions() []version {
	s.mu.Lock()
	cfg := s.st.cfg
	s.mu.Unlock()
	if cfg == nil {
		return nil
	}
	out := s.outputPath(cfg)
	inside := func(string) bool { return true }
	if s.opt.Out == "" {
		root, err := filepath.EvalSymlinks(cfg.Dir)
		if err != nil {
			return nil
		}
		inside = func(dir string) bool {
			real, err := filepath.EvalSymlinks(dir)
			return err == nil && within(real, root)
		}
	}
	if !inside(filepath.Dir(out)) {
		return nil
	}
	var vs []version
	if st, err := os.Lstat(out); err == nil && st.Mode().IsRegular() {
		vs = append(vs, version{key: "sortie", label: "le contrat construit en dernier (" + filepath.Base(out) + ")", path: out, mod: st.ModTime()})
	}
	dir := filepath.Join(filepath.Dir(out), "archive")
	if !inside(dir) {
		return vs
	}
	entries, err := os.ReadDir(dir)
	if err != nil {
		return vs
	}
	var archived []version
	for _, e := range entries {
		if !e.Type().IsRegular() || !strings.EqualFold(filepath.Ext(e.Name()), ".pdf") || strings.HasPrefix(e.Name(), ".") {
			continue
		}
		info, err := e.Info()
		if err != nil {
			continue
		}
		archived = append(archived, version{key: "archive/" + e.Name(), label: "archive : " + e.Name(), path: filepath.Join(dir, e.Name()), mod: info.ModTime()})
	}
	sort.Slice(archived, func(i, j int) bool {
		if !archived[i].mod.Equal(archived[j].mod) {
			return archived[i].mod.After(archived[j].mod)
		}
		return archived[i].key < archived[j].key
	})
	vs = append(vs, archived...)
	if len(vs) > maxVersions {
		vs = vs[:maxVersions]
	}
	return vs
}

// findVersion is the version of key among those listed now.
func (s *Server) findVersion(key string) (version, bool) {
	for _, v := range s.versions() {
		if v.key == key {
			return v, true
		}
	}
	return version{}, false
}
