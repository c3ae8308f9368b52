package build

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/contrat-local-sante/cls/internal/config"
	"github.com/contrat-local-sante/cls/internal/embed"
	"github.com/contrat-local-sante/cls/internal/model"
	"github.com/contrat-local-sante/cls/internal/source"
)

// ReadVersion reads the sources of one version of a contract, given as a
// contract PDF that carries its sources, a territory folder (holding
// cls.yaml) or a sources folder (beside ../cls.yaml and ../templates). It
// reads the model only: no fonts, no layout.
func ReadVersion(path string) (*model.Contract, error) {
	dir := path
	if strings.EqualFold(filepath.Ext(path), ".pdf") {
		tmp, err := os.MkdirTemp("", "cls-version-")
		if err != nil {
			return nil, err
		}
		defer os.RemoveAll(tmp)
		if _, err := embed.Extract(path, tmp); err != nil {
			return nil, err
		}
		dir = tmp
	}
	st, err := os.Stat(dir)
	if err != nil || !st.IsDir() {
		return nil, fmt.Errorf("%s : introuvable ; attendu un contrat PDF produit par cls, un dossier de territoire (avec cls.yaml) ou un dossier de sources", path)
	}
	cfgPath := filepath.Join(dir, "cls.yaml")
	dirs := source.Dirs{}
	if _, err := os.Stat(cfgPath); err != nil {
		// a sources folder: its territory folder is the parent
		if _, err := os.Stat(filepath.Join(dir, source.ContratFile)); err != nil {
			return nil, fmt.Errorf("%s : ni cls.yaml ni %s dans ce dossier ; attendu un dossier de territoire ou de sources", path, source.ContratFile)
		}
		cfgPath = filepath.Join(dir, "..", "cls.yaml")
		dirs.Sources = dir
		dirs.Templates = filepath.Join(dir, "..", "templates")
	}
	cfg, err := config.Load(cfgPath, nil)
	if err != nil {
		return nil, err
	}
	if dirs.Sources == "" {
		dirs = source.Dirs{Sources: cfg.Path(cfg.Sources), Templates: cfg.Path(cfg.Modeles)}
	}
	c, probs := source.Read(cfg, dirs)
	if probs.HasErrors() {
		return nil, probs
	}
	return c, nil
}
