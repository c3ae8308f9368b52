package pipeline

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/contrat-local-sante/cls/internal/config"
	"github.com/contrat-local-sante/cls/internal/diag"
	"github.com/contrat-local-sante/cls/internal/safefile"
	"github.com/contrat-local-sante/cls/internal/textnorm"
)

// An output must be a regular file or a new one. Written over a device,
// the archiving read /dev/full until memory ran out and the rename
// replaced /dev/null by a file; over a FIFO the build hung; over a folder
// it failed late; over a workbook, a template or cls.yaml it destroyed
// the sources it had just read. The path set in cls.yaml must also stay
// in the territory folder: a cls.yaml comes with a territory (cls extract
// writes one from any PDF) and must not make a build write elsewhere.

// OutputError is an output path cls refuses to write. File is where the
// path came from when it is a configuration key (cls.yaml, or the
// variable or flag that set it); it is empty for --out.
type OutputError struct {
	File string
	Msg  string
}

func (e *OutputError) Error() string {
	if e.File == "" {
		return e.Msg
	}
	return e.File + " : " + e.Msg
}

// target is an output path that passed the checks.
type target struct {
	path  string // where to write: the path given, or the regular file its symbolic link leads to
	shown string // how the user named it, for messages: "--out X" or the cls.yaml keys
	file  string // cls.yaml (or the origin of the keys) when the path comes from the configuration
	what  string // "le PDF" or "le classeur"
}

func (t target) errorf(format string, args ...any) error {
	return &OutputError{File: t.file, Msg: t.shown + " : " + fmt.Sprintf(format, args...)}
}

// expected ends the messages about a refused output path.
func (t target) expected() string {
	if t.what == "le classeur" {
		return "attendu le chemin d'un nouveau classeur .xlsx, par exemple sources/evaluation/2026.xlsx"
	}
	return "attendu le chemin d'un fichier PDF, par exemple output/contrat.pdf"
}

// pdfTarget checks where a PDF goes: out (the --out flag) when set,
// taken from the current folder as any path of a command line; else name
// in cls.yaml's sortie.dossier, taken from the territory folder (name is
// sortie.fichier for the contract). before is the --avant path of an
// avenant, a file the command reads; it may be empty.
func pdfTarget(opt Options, cfg *config.Config, out, name, before string) (target, error) {
	t := target{path: out, shown: "--out " + textnorm.Escape(out), what: "le PDF"}
	if out == "" {
		if err := configuredInside(cfg); err != nil {
			return t, err
		}
		rel := filepath.ToSlash(filepath.Join(cfg.Sortie.Dossier, name))
		keys := "sortie.dossier/sortie.fichier"
		if name != cfg.Sortie.Fichier {
			keys = "sortie.dossier"
		}
		t = target{path: filepath.Join(opt.Dirs(cfg).Output, name), shown: keys + " (" + textnorm.Escape(rel) + ")",
			file: cfg.Origin("sortie.dossier"), what: "le PDF"}
	}
	if err := t.resolve(); err != nil {
		return t, err
	}
	if out == "" {
		if err := resolvedInside(cfg, t); err != nil {
			return t, err
		}
	}
	if n := len(filepath.Base(t.path)); n > maxName-len(".sha256") {
		return t, t.errorf("nom de fichier trop long (%d octets) : son fichier de contrôle .sha256 dépasserait les %d octets qu'admettent les systèmes de fichiers ; attendu un nom de %d octets au plus", n, maxName, maxName-len(".sha256"))
	}
	if err := readInputs(opt, cfg, before).guard(t); err != nil {
		return t, err
	}
	return t, nil
}

// configuredInside refuses a sortie.dossier or sortie.fichier that leaves
// the territory folder (the folder of cls.yaml): an absolute path, or one
// that climbs out with "..". --out is the way to write elsewhere.
func configuredInside(cfg *config.Config) error {
	for _, kv := range []struct{ key, val string }{
		{"sortie.dossier", cfg.Sortie.Dossier},
		{"sortie.fichier", cfg.Sortie.Fichier},
	} {
		if strings.TrimSpace(kv.val) == "" {
			return &OutputError{File: cfg.Origin(kv.key), Msg: kv.key + " est vide ; attendu un chemin dans le dossier du territoire, par exemple output/contrat.pdf"}
		}
		if !filepath.IsLocal(kv.val) {
			return &OutputError{File: cfg.Origin(kv.key), Msg: fmt.Sprintf("%s vaut « %s », qui sort du dossier du territoire (celui de cls.yaml) ; attendu un chemin relatif, sans « .. », par exemple « output » — pour écrire ailleurs : --out FICHIER.pdf",
				kv.key, textnorm.Escape(kv.val))}
		}
	}
	return nil
}

// resolvedInside refuses a configured output that symbolic links lead out
// of the territory folder: a territory folder received from someone else
// may hold an output folder, or a PDF, that is a link to anywhere.
func resolvedInside(cfg *config.Config, t target) error {
	root, err := filepath.EvalSymlinks(cfg.Dir)
	if err != nil {
		root = cfg.Dir
	}
	d := t.path
	for { // the deepest part of the path that exists
		if _, err := os.Lstat(d); err == nil {
			break
		}
		parent := filepath.Dir(d)
		if parent == d {
			return nil
		}
		d = parent
	}
	real, err := filepath.EvalSymlinks(d)
	if err != nil {
		return nil // resolve has refused what leads nowhere
	}
	if rel, err := filepath.Rel(root, real); err != nil || rel != "." && !filepath.IsLocal(rel) {
		return t.errorf("un lien symbolique mène hors du dossier du territoire (vers « %s ») ; attendu un dossier de sortie dans le dossier du territoire — pour écrire ailleurs : --out FICHIER.pdf", textnorm.Escape(real))
	}
	return nil
}

// workbookTarget checks where the blank evaluation workbook goes: out
// (the --out flag) when set, else def, the workbook's place in the
// territory. It must be a new file, never one that exists (it may hold
// values typed in).
func workbookTarget(out, def string) (target, error) {
	t := target{path: out, shown: "--out " + textnorm.Escape(out), what: "le classeur"}
	if out == "" {
		t = target{path: def, shown: textnorm.Escape(def), what: "le classeur"}
	}
	if _, err := os.Lstat(t.path); err == nil {
		return t, t.exists()
	} else if !errors.Is(err, fs.ErrNotExist) {
		return t, t.errorf("chemin inaccessible (%s) ; %s", safefile.Cause(err), t.expected())
	}
	return t, t.parentIsFolder()
}

// exists is the refusal of a workbook path that is taken.
func (t target) exists() error {
	if st, err := os.Stat(t.path); err == nil && !st.Mode().IsRegular() {
		return t.errorf("ce n'est pas un fichier ordinaire (%s) ; %s", kind(st.Mode()), t.expected())
	}
	return wrapf(fs.ErrExist, "%s existe déjà : il n'est pas écrasé (il contient peut-être des valeurs saisies) ; choisir un autre nom ou le supprimer", textnorm.Escape(t.path))
}

// resolve refuses what is not a regular file or a new path, and follows a
// symbolic link to the regular file it leads to: the PDF replaces that
// file and the link keeps leading to it.
func (t *target) resolve() error {
	st, err := os.Lstat(t.path)
	if err != nil {
		if err := t.parentIsFolder(); err != nil {
			return err
		}
	}
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	if err != nil {
		return t.errorf("chemin inaccessible (%s) ; %s", safefile.Cause(err), t.expected())
	}
	switch {
	case st.Mode().IsRegular():
		return nil
	case st.Mode()&fs.ModeSymlink != 0:
		dest, _ := os.Readlink(t.path)
		real, err := filepath.EvalSymlinks(t.path)
		if err != nil {
			return t.errorf("c'est un lien symbolique vers « %s », qui ne mène à aucun fichier ; %s", textnorm.Escape(dest), t.expected())
		}
		rst, err := os.Lstat(real)
		if err != nil {
			return t.errorf("chemin inaccessible (%s) ; %s", safefile.Cause(err), t.expected())
		}
		if !rst.Mode().IsRegular() {
			return t.errorf("c'est un lien symbolique vers « %s », qui n'est pas un fichier ordinaire (%s) ; %s", textnorm.Escape(real), kind(rst.Mode()), t.expected())
		}
		t.path = real
		return nil
	}
	return t.errorf("ce n'est pas un fichier ordinaire (%s) ; %s", kind(st.Mode()), t.expected())
}

// recheck runs the kind check again once the lock is held: the path may
// have changed since the first check.
func (t target) recheck() error {
	st, err := os.Lstat(t.path)
	if err != nil || st.Mode().IsRegular() {
		return nil
	}
	return t.errorf("ce n'est pas un fichier ordinaire (%s) ; %s", kind(st.Mode()), t.expected())
}

// parentIsFolder refuses a new path whose nearest existing ancestor is not
// a folder: no file can be created under a file.
func (t target) parentIsFolder() error {
	d := filepath.Dir(t.path)
	for {
		if st, err := os.Stat(d); err == nil {
			if st.IsDir() {
				return nil
			}
			if t.file != "" {
				return &OutputError{File: t.file, Msg: fmt.Sprintf("sortie.dossier : « %s » n'est pas un dossier ; attendu un dossier où écrire le PDF", textnorm.Escape(d))}
			}
			return t.errorf("« %s » n'est pas un dossier ; %s", textnorm.Escape(d), t.expected())
		}
		parent := filepath.Dir(d)
		if parent == d {
			return nil
		}
		d = parent
	}
}

// kind names what a non-regular file is.
func kind(m fs.FileMode) string {
	switch {
	case m.IsRegular():
		return "fichier"
	case m.IsDir():
		return "dossier"
	case m&fs.ModeNamedPipe != 0:
		return "tube nommé, FIFO"
	case m&fs.ModeSocket != 0:
		return "socket"
	case m&(fs.ModeDevice|fs.ModeCharDevice) != 0:
		return "périphérique"
	case m&fs.ModeSymlink != 0:
		return "lien symbolique"
	}
	return "fichier spécial"
}

// outputProblems are the problems of the output that cls check reports:
// a refused path, or a folder where no file can be written.
func outputProblems(opt Options, cfg *config.Config) diag.List {
	var probs diag.List
	t, err := pdfTarget(opt, cfg, opt.Out, cfg.Sortie.Fichier, "")
	var oe *OutputError
	switch {
	case errors.As(err, &oe):
		probs = append(probs, diag.Problem{Severity: diag.Error, File: oe.File, Message: oe.Msg})
	case err != nil:
		probs = append(probs, diag.Problem{Severity: diag.Error, Message: err.Error()})
	default:
		if err := writable(filepath.Dir(t.path)); err != nil {
			probs = append(probs, diag.Problem{Severity: diag.Error, File: cfg.File, Message: err.Error()})
		}
	}
	return probs
}
