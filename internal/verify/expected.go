package verify

import (
	"errors"
	"fmt"
	"io/fs"
	"path/filepath"
	"regexp"
	"sort"
	"strings"

	"github.com/contrat-local-sante/cls/internal/embed"
	"github.com/contrat-local-sante/cls/internal/safefile"
	"github.com/contrat-local-sante/cls/internal/textnorm"
)

// Expected is a build's SHA-256 (lower-case hex) and where it was found,
// for messages: « --empreinte », or a .sha256 file's path.
type Expected struct {
	Sum, From string
}

// OutputDir is where Lookup looks for builds' .sha256 files when the
// copy has none beside it: the default outputs' folder, from the
// current folder (the territory folder).
const OutputDir = "output"

const (
	// maxSumFile bounds a .sha256 file read: cls writes one line.
	maxSumFile = 4 << 10
	// maxSumFiles bounds the .sha256 files read from OutputDir.
	maxSumFiles = 1000
)

var hexSum = regexp.MustCompile(`^[0-9a-fA-F]{64}$`)

// Lookup returns the SHA-256 the build of the copy at pdfPath may have.
// given, when set, is the SHA-256 itself or the path of a .sha256 file.
// Otherwise the .sha256 beside the copy (FICHIER.pdf.sha256), else every
// .sha256 in OutputDir and every PDF archived in its archive folder: the
// copy is matched against each build there.
// None found is no error (the report says it); a given value that is
// neither a SHA-256 nor a readable .sha256 file is.
func Lookup(pdfPath, given string) ([]Expected, error) {
	if given != "" {
		if hexSum.MatchString(given) {
			return []Expected{{Sum: strings.ToLower(given), From: "--empreinte"}}, nil
		}
		e, err := readSum(given)
		if err != nil {
			return nil, fmt.Errorf("--empreinte %s : %s ; attendu le SHA-256 de la construction (64 chiffres hexadécimaux) ou son fichier .sha256", textnorm.Escape(given), err)
		}
		return []Expected{e}, nil
	}
	if e, err := readSum(pdfPath + ".sha256"); err == nil {
		return []Expected{e}, nil
	}
	names, _ := filepath.Glob(filepath.Join(OutputDir, "*.sha256"))
	sort.Strings(names)
	var out []Expected
	for _, n := range names[:min(len(names), maxSumFiles)] {
		if e, err := readSum(n); err == nil {
			out = append(out, e)
		}
	}
	// the builds that later builds replaced keep no .sha256: their
	// SHA-256 is taken from the archived PDF itself
	archived, _ := filepath.Glob(filepath.Join(OutputDir, "archive", "*.pdf"))
	sort.Strings(archived)
	for _, n := range archived[:min(len(archived), maxSumFiles)] {
		if b, err := safefile.ReadFile(n, embed.MaxPDFSize); err == nil {
			out = append(out, Expected{Sum: embed.Sum(b), From: n})
		}
	}
	return out, nil
}

// readSum reads a .sha256 file as cls writes it (and sha256sum does):
// the hex SHA-256, blanks, the file's name.
func readSum(path string) (Expected, error) {
	b, err := safefile.ReadFile(path, maxSumFile)
	if errors.Is(err, fs.ErrNotExist) {
		return Expected{}, errors.New("fichier introuvable")
	}
	if err != nil {
		return Expected{}, errors.New(safefile.Cause(err))
	}
	f := strings.Fields(string(b))
	if len(f) == 0 || !hexSum.MatchString(f[0]) {
		return Expected{}, errors.New("ce n'est pas un fichier .sha256 (il ne commence pas par un SHA-256)")
	}
	return Expected{Sum: strings.ToLower(f[0]), From: path}, nil
}
