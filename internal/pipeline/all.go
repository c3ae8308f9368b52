package pipeline

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"syscall"

	"github.com/contrat-local-sante/cls/internal/safefile"
	"github.com/contrat-local-sante/cls/internal/textnorm"
)

// Territory is one folder found by Territories: a territory to build, or a
// folder skipped with the reason why, so that a misnamed cls.yaml is seen
// rather than silently left out of the run.
type Territory struct {
	Dir  string // the folder, under the folder given to Territories
	Skip string // why it is not built; empty for a territory
}

// Territories lists the folders directly under dir, in name order: each
// one holding a cls.yaml is a territory; a folder without one is listed as
// skipped. Files and hidden entries are left out. A symbolic link to a
// folder counts as that folder: the territory's own cls.yaml decides where
// its output goes, wherever the folder is.
//
// Building is the caller's business: cls runs each territory in a process
// of its own, so that one territory's crash, hang or memory use stays its
// own.
func Territories(dir string) ([]Territory, error) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		why := "dossier illisible (" + safefile.Cause(err) + ")"
		switch {
		case errors.Is(err, fs.ErrNotExist):
			why = "dossier introuvable"
		case errors.Is(err, fs.ErrPermission):
			why = "dossier illisible (accès refusé)"
		case errors.Is(err, syscall.ENOTDIR):
			why = "ceci n'est pas un dossier"
		}
		return nil, wrapf(err, "%s : %s ; attendu un dossier contenant un dossier par territoire", textnorm.Escape(dir), why)
	}
	var out []Territory
	built := 0
	for _, e := range entries {
		if strings.HasPrefix(e.Name(), ".") {
			continue
		}
		path := filepath.Join(dir, e.Name())
		info, err := os.Stat(path) // follows a symbolic link
		if err != nil {
			if e.Type()&os.ModeSymlink != 0 {
				out = append(out, Territory{Dir: path, Skip: "lien symbolique vers un dossier introuvable"})
			}
			continue
		}
		if !info.IsDir() {
			continue
		}
		if st, err := os.Stat(filepath.Join(path, "cls.yaml")); err != nil || st.IsDir() {
			out = append(out, Territory{Dir: path, Skip: "pas de fichier cls.yaml dans ce dossier"})
			continue
		}
		out = append(out, Territory{Dir: path})
		built++
	}
	if built == 0 {
		return nil, fmt.Errorf("%s : aucun dossier de territoire (avec cls.yaml) ; attendu un dossier par territoire", textnorm.Escape(dir))
	}
	return out, nil
}
