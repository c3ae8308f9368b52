package pipeline

import (
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"strings"

	"github.com/contrat-local-sante/cls/internal/config"
	"github.com/contrat-local-sante/cls/internal/textnorm"
)

// inputs are the files and folders a command reads, which no output may
// replace. Paths are compared cleaned and absolute, and again with their
// symbolic links resolved ("./sources/../sources/contrat.xlsx", a linked
// folder); existing files are also compared by identity (os.SameFile),
// which catches a hard link made elsewhere.
type inputs struct {
	files []input // cls.yaml, the logo, the --avant file, every file of the folders
	dirs  []input // the sources, templates and fonts folders
}

// input is one file or folder a command reads.
type input struct {
	paths []string    // absolute, as given and with symbolic links resolved
	info  os.FileInfo // of an existing file, for os.SameFile
	label string      // what it is, for messages: "une source du contrat"
	name  string      // how the user knows it, for messages about folders
}

// maxWalk bounds the files looked at in the input folders: far more than a
// contract has (about fifty), so that a folder that is not what it should
// be (a home folder given as --sources) does not make the check slow.
const maxWalk = 10000

// readInputs lists what a command reading opt and cfg reads. before is
// the --avant path of an avenant, or empty.
func readInputs(opt Options, cfg *config.Config, before string) *inputs {
	in := &inputs{}
	in.addFile(opt.Config, "la configuration du contrat (cls.yaml)")
	if logo := cfg.Document.Logo; logo != "" {
		in.addFile(cfg.Path(logo), "le logo du contrat (document.logo)")
	}
	if before != "" {
		in.addFile(before, "la version d'avant l'avenant (--avant)")
	}
	dirs := opt.Dirs(cfg)
	for _, d := range []struct{ path, file, dir string }{
		{dirs.Sources, "une source du contrat", "le dossier des sources"},
		{dirs.Templates, "un modèle du contrat", "le dossier des modèles"},
		{dirs.Fonts, "une police du contrat", "le dossier des polices"},
	} {
		in.addDir(d.path, d.file, d.dir, cfg.Dir)
	}
	return in
}

// variants returns p absolute and cleaned, and with its symbolic links
// resolved when it exists (or else its folder does).
func variants(p string) []string {
	abs, err := filepath.Abs(p)
	if err != nil {
		return nil
	}
	out := []string{abs}
	if real, err := filepath.EvalSymlinks(abs); err == nil {
		out = append(out, real)
	} else if dir, err := filepath.EvalSymlinks(filepath.Dir(abs)); err == nil {
		out = append(out, filepath.Join(dir, filepath.Base(abs)))
	}
	return out
}

func (in *inputs) addFile(p, label string) {
	if p == "" {
		return
	}
	f := input{paths: variants(p), label: label}
	if st, err := os.Stat(p); err == nil {
		f.info = st
	}
	in.files = append(in.files, f)
}

// addDir adds a folder and the files under it. A folder that holds the
// territory folder itself (sources: ".") is not refused as a whole, nor
// walked, or no output could be written in the territory; cls.yaml is
// still protected.
func (in *inputs) addDir(dir, fileLabel, dirLabel, territory string) {
	if dir == "" {
		return
	}
	d := input{paths: variants(dir), label: dirLabel, name: shown(dir)}
	for _, p := range d.paths {
		if within(territory, p) {
			return
		}
	}
	in.dirs = append(in.dirs, d)
	abs, err := filepath.Abs(dir)
	if err != nil {
		return
	}
	n := 0
	filepath.WalkDir(abs, func(p string, e fs.DirEntry, err error) error {
		if err != nil {
			return nil
		}
		if n++; n > maxWalk {
			return filepath.SkipAll
		}
		if e.IsDir() {
			return nil
		}
		st, err := os.Stat(p) // a linked file: the file it leads to
		if err != nil || !st.Mode().IsRegular() {
			return nil
		}
		// an existing output is compared by identity, which sees through
		// links; a new one cannot be an existing file
		in.files = append(in.files, input{paths: []string{p}, info: st, label: fileLabel})
		return nil
	})
}

// within tells whether p is dir or lies under it.
func within(p, dir string) bool {
	if runtime.GOOS == "windows" || runtime.GOOS == "darwin" {
		// their usual file systems ignore case
		p, dir = strings.ToLower(p), strings.ToLower(dir)
	}
	rel, err := filepath.Rel(dir, p)
	return err == nil && filepath.IsLocal(rel)
}

// same tells whether the path p, whose file is st when it exists, is the
// input f.
func (f input) same(p []string, st os.FileInfo) bool {
	if st != nil && f.info != nil && os.SameFile(st, f.info) {
		return true
	}
	for _, a := range p {
		for _, b := range f.paths {
			if within(a, b) && within(b, a) {
				return true
			}
		}
	}
	return false
}

// guard refuses an output t that would replace or sit among the inputs,
// and the same for the files written beside it: its .sha256, its lock and
// its archive folder.
func (in *inputs) guard(t target) error {
	companions := []struct{ path, role string }{
		{t.path + ".sha256", "son fichier de contrôle"},
		{lockPath(t.path), "son verrou"},
		{archiveDir(t.path), "son dossier d'archive"},
	}
	if err := in.check(t, t.path, ""); err != nil {
		return err
	}
	for _, c := range companions {
		if err := in.check(t, c.path, c.role); err != nil {
			return err
		}
	}
	return nil
}

// check refuses p, the output itself (role empty) or a file written with
// it, when it is an input or lies in an input folder.
func (in *inputs) check(t target, p, role string) error {
	vs := variants(p)
	st, _ := os.Stat(p)
	for _, f := range in.files {
		if f.same(vs, st) {
			if role == "" {
				return t.errorf("ce fichier est %s ; il ne sera pas remplacé par %s ; attendu un autre chemin, par exemple output/contrat.pdf", f.label, t.what)
			}
			return t.errorf("%s, %s, remplacerait %s ; attendu un autre chemin, par exemple output/contrat.pdf", role, textnorm.Escape(filepath.Base(p)), f.label)
		}
	}
	for _, d := range in.dirs {
		for _, a := range vs {
			for _, b := range d.paths {
				if within(a, b) {
					if role == "" {
						return t.errorf("ce chemin est dans %s (%s), que lit le contrat ; %s n'y est pas écrit ; attendu un autre chemin, par exemple output/contrat.pdf", d.label, textnorm.Escape(d.name), t.what)
					}
					return t.errorf("%s, %s, serait dans %s (%s), que lit le contrat ; attendu un autre chemin, par exemple output/contrat.pdf", role, textnorm.Escape(filepath.Base(p)), d.label, textnorm.Escape(d.name))
				}
			}
		}
	}
	return nil
}

// shown is p as a message shows it: from the current folder when it lies
// under it, as the coordinator typed it.
func shown(p string) string {
	if wd, err := os.Getwd(); err == nil {
		if abs, err := filepath.Abs(p); err == nil {
			if rel, err := filepath.Rel(wd, abs); err == nil && filepath.IsLocal(rel) {
				return rel
			}
		}
	}
	return p
}
