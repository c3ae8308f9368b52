package pipeline

import (
	"os"
	"path/filepath"
	"strings"
	"syscall"

	"github.com/contrat-local-sante/cls/internal/config"
	"github.com/contrat-local-sante/cls/internal/diag"
	"github.com/contrat-local-sante/cls/internal/embed"
	"github.com/contrat-local-sante/cls/internal/model"
	"github.com/contrat-local-sante/cls/internal/safefile"
	"github.com/contrat-local-sante/cls/internal/source"
)

// ReadVersion reads the sources of one version of a contract, given as a
// contract PDF that carries its sources, a territory folder (holding
// cls.yaml) or a sources folder (beside ../cls.yaml, whose other folders
// it reads: modeles, usually ../templates). It reads the model only: no
// fonts, no layout.
func ReadVersion(path string) (*model.Contract, error) {
	if strings.EqualFold(filepath.Ext(path), ".pdf") {
		return readPDFVersion(path)
	}
	dir := path
	st, err := os.Stat(dir)
	if err == nil && !st.IsDir() {
		err = syscall.ENOTDIR
	}
	if err != nil {
		return nil, wrapf(err, "%s : introuvable ; attendu un contrat PDF produit par cls, un dossier de territoire (avec cls.yaml) ou un dossier de sources", path)
	}
	cfgPath := filepath.Join(dir, "cls.yaml")
	var opt Options
	if _, err := os.Stat(cfgPath); err != nil {
		// a sources folder: its territory folder is the parent
		if _, err := os.Stat(filepath.Join(dir, source.ContratFile)); err != nil {
			return nil, wrapf(err, "%s : ni cls.yaml ni %s dans ce dossier ; attendu un dossier de territoire ou de sources", path, source.ContratFile)
		}
		cfgPath = filepath.Join(dir, "..", "cls.yaml")
		opt.Sources = dir
	}
	cfg, err := config.Load(cfgPath, nil)
	if err != nil {
		return nil, err
	}
	dirs := opt.Dirs(cfg).source(nil)
	c, probs := source.Read(cfg, dirs)
	if probs.HasErrors() {
		return nil, probs
	}
	return c, nil
}

// readPDFVersion reads a version from the files a contract PDF carries,
// and from them only: they are checked against the PDF's manifest and
// extracted into a private temporary folder, removed afterwards, and the
// workbooks and templates are read from its sources/ and templates/
// whatever folders the embedded cls.yaml names (sources:, modeles:), so
// that a PDF cannot make cls read files elsewhere on the disk. Messages
// name the PDF and the attachment, not the temporary folder.
func readPDFVersion(path string) (*model.Contract, error) {
	tmp, err := os.MkdirTemp("", "cls-version-")
	if err != nil {
		return nil, wrapf(err, "%s : dossier temporaire impossible à créer (%s)", path, safefile.Cause(err))
	}
	defer os.RemoveAll(tmp)
	if _, err := embed.Extract(path, tmp); err != nil {
		return nil, err
	}
	cfg, err := config.Load(filepath.Join(tmp, "cls.yaml"), nil)
	if l, ok := err.(diag.List); ok {
		for i := range l {
			l[i].File = inPDF(l[i].File, tmp, path)
		}
		return nil, l
	}
	if err != nil {
		return nil, wrapf(err, "%s", inPDF(err.Error(), tmp, path))
	}
	c, probs := source.Read(cfg, source.Dirs{Sources: filepath.Join(tmp, "sources"), Templates: filepath.Join(tmp, "templates")})
	if probs.HasErrors() {
		out := make(diag.List, len(probs))
		for i, p := range probs {
			p.File = inPDF(p.File, tmp, path)
			p.Message = inPDF(p.Message, tmp, path)
			out[i] = p
		}
		return nil, out
	}
	// the logo of a previous version is never drawn: no path from the
	// PDF is kept
	c.Document.Logo = ""
	return c, nil
}

// inPDF rewrites the temporary folder's paths in s as the PDF's
// attachments: "ancien.pdf, fichier joint sources/contrat.xlsx".
func inPDF(s, tmp, pdf string) string {
	s = strings.ReplaceAll(s, tmp+string(filepath.Separator), pdf+", fichier joint ")
	return strings.ReplaceAll(s, tmp, pdf)
}
