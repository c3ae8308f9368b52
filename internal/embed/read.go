package embed

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"sync"

	"github.com/pdfcpu/pdfcpu/pkg/api"
	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu"
	pmodel "github.com/pdfcpu/pdfcpu/pkg/pdfcpu/model"
	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/types"

	"github.com/contrat-local-sante/cls/internal/safefile"
	"github.com/contrat-local-sante/cls/internal/textnorm"
)

// ReadFile returns the files embedded in the PDF at path, checked against
// its manifest (see Read). The file is refused before being read when it
// is larger than MaxPDFSize. Messages name path.
func ReadFile(path string) ([]File, error) {
	where := textnorm.Escape(path)
	f, err := os.Open(path)
	if err != nil && !errors.Is(err, fs.ErrNotExist) {
		return nil, fmt.Errorf("%s : PDF illisible (%s) ; attendu un contrat PDF produit par cls", where, safefile.Cause(err))
	}
	if err != nil {
		return nil, fmt.Errorf("%s : PDF introuvable ou illisible ; attendu un contrat PDF produit par cls", where)
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil || !st.Mode().IsRegular() {
		return nil, fmt.Errorf("%s : ce n'est pas un fichier ; attendu un contrat PDF produit par cls", where)
	}
	if st.Size() > MaxPDFSize {
		return nil, tooLargePDF(where)
	}
	b, err := io.ReadAll(io.LimitReader(f, MaxPDFSize+1))
	if err != nil {
		return nil, fmt.Errorf("%s : PDF illisible (%s)", where, safefile.Cause(err))
	}
	return read(where, b)
}

// Read returns the files embedded in a PDF made by cls, sorted by name,
// the manifest among them. The manifest is the authority: every file it
// lists must be attached with its SHA-256, nothing else may be, and every
// name must be one cls writes (see CheckName). Inflated sizes are bounded
// (MaxFileSize, MaxTotalSize), and a PDF that pdfcpu cannot read, or that
// makes it panic, gives a French error rather than a crash.
func Read(pdf []byte) ([]File, error) {
	return read("", pdf)
}

// read is Read with the PDF's name for messages.
func read(where string, pdf []byte) ([]File, error) {
	if len(pdf) > MaxPDFSize {
		return nil, tooLargePDF(where)
	}
	if !bytes.Contains(pdf[:min(len(pdf), 1024)], []byte("%PDF-")) {
		return nil, fmt.Errorf("%sce n'est pas un PDF (il ne commence pas par « %%PDF- ») ; attendu un contrat PDF produit par cls", prefix(where))
	}
	// every PDF ends with %%EOF (followed by a line end at most): a
	// copy cut short is told as such, whatever pdfcpu might repair
	if !bytes.Contains(pdf[max(0, len(pdf)-1024):], []byte("%%EOF")) {
		return nil, fmt.Errorf("%sPDF tronqué : sa fin (%%%%EOF) manque ; attendu le contrat PDF complet, tel que cls l'a produit", prefix(where))
	}
	if err := tooComplex(where, pdf); err != nil {
		return nil, err
	}
	// a signed copy: the sources are read from the build's own bytes,
	// what was signed, whatever the signatures' updates appended
	stored, err := attachments(where, Original(pdf))
	if err != nil {
		return nil, err
	}
	if err := measure(where, stored); err != nil {
		return nil, err
	}
	ok, err := verify(where, stored)
	if err != nil {
		return nil, err
	}
	files := make([]File, len(ok))
	for i, s := range ok {
		b, err := s.content()
		if err != nil {
			return nil, fmt.Errorf("%sfichier joint %s endommagé : sa compression est illisible", prefix(where), s.quoted())
		}
		files[i] = File{Name: s.name, Content: b}
	}
	return files, nil
}

// prefix is "where : " or nothing.
func prefix(where string) string {
	if where == "" {
		return ""
	}
	return where + " : "
}

// tooComplex refuses, before pdfcpu reads it, a PDF declaring more
// objects or cross-reference entries than maxObjects: pdfcpu parses every
// object up front, at some 30 µs and 1 KB each (2.5 KB per
// cross-reference entry), so a maze of tiny objects would cost minutes
// and gigabytes. Objects are counted by their "obj" keyword (with
// "endobj", two per object), entries by a lone n or f between blanks, as
// pdfcpu reads them; binary streams add a few chance matches at most.
func tooComplex(where string, pdf []byte) error {
	objs := bytes.Count(pdf, []byte("obj"))
	entries := 0
	for i := 1; i+1 < len(pdf); i++ {
		if (pdf[i] == 'n' || pdf[i] == 'f') && blank(pdf[i-1]) && blank(pdf[i+1]) {
			entries++
		}
	}
	if objs > 2*maxObjects || entries > maxObjects {
		return fmt.Errorf("%sPDF trop complexe (plus de %d objets) ; attendu un contrat PDF produit par cls, qui en compte quelques milliers", prefix(where), maxObjects)
	}
	return nil
}

// blank reports whether b is white space in PDF syntax.
func blank(b byte) bool {
	switch b {
	case ' ', '\t', '\n', '\r', '\f', 0:
		return true
	}
	return false
}

// tooLargePDF is the error for a PDF beyond MaxPDFSize.
func tooLargePDF(where string) error {
	return fmt.Errorf("%sPDF trop volumineux (plus de %d Mo) ; attendu un contrat PDF produit par cls", prefix(where), mo(MaxPDFSize))
}

// damaged is the error for a PDF that pdfcpu cannot read.
func damaged(where string) error {
	return fmt.Errorf("%sPDF tronqué ou endommagé : illisible ; attendu le contrat PDF complet, tel que cls l'a produit", prefix(where))
}

// notCls is the error for a readable PDF without cls's attachments.
func notCls(where string) error {
	return fmt.Errorf("%sce PDF n'a pas été produit par cls : il ne contient pas ses sources (pas de manifeste %s joint)", prefix(where), ManifestName)
}

// ErrNoSources is found by errors.Is in the error for a PDF without any
// attached file: a contract always carries its sources, an avenant or an
// evaluation annex carries none, so cls verifier tells the two apart.
var ErrNoSources = errors.New("aucun fichier joint")

// noSources is notCls's error for a PDF without any attached file.
type noSources struct{ error }

func (noSources) Is(target error) bool { return target == ErrNoSources }

var disableConfig sync.Once

// config is pdfcpu's configuration for reading untrusted PDFs: no user
// configuration folder read or written, relaxed validation (only the
// attachments matter) and tight resource limits.
func config() *pmodel.Configuration {
	disableConfig.Do(api.DisableConfigDir)
	conf := pmodel.NewDefaultConfiguration()
	conf.ValidationMode = pmodel.ValidationRelaxed
	conf.DecodeAllStreams = false
	conf.Cmd = pmodel.EXTRACTATTACHMENTS
	conf.Limits = pmodel.ResourceLimits{
		MaxStreamBytes:       MaxPDFSize,
		MaxDecodeBytes:       maxDecodeBytes,
		MaxImagePixels:       1 << 20,
		MaxImageBytes:        maxDecodeBytes,
		MaxObjectCount:       maxObjects,
		MaxObjectStreamCount: 100_000,
		MaxObjectStreamFirst: 1 << 20,
		MaxXRefEntries:       maxObjects,
		MaxRecursionDepth:    100,
	}
	return conf
}

// attachments reads the embedded files of pdf as stored, in the order of
// the PDF's name tree. Any panic in pdfcpu becomes the "damaged" error.
func attachments(where string, pdf []byte) (files []stored, err error) {
	defer func() {
		if r := recover(); r != nil {
			files, err = nil, damaged(where)
		}
	}()
	ctx, err := parse(where, pdf)
	if err != nil {
		return nil, err
	}
	w := &walker{where: where, seen: map[int]bool{}}
	w.Resolver = Resolver{X: ctx.XRefTable, MaxStreams: maxObjectStreams, TooMany: func(max int) error {
		return fmt.Errorf("%sPDF trop complexe (fichiers joints répartis dans plus de %d flux d'objets) ; attendu un contrat PDF produit par cls", prefix(where), max)
	}}
	root, err := w.Dict(ctx.XRefTable.Root)
	if err != nil || root == nil {
		return nil, damaged(where)
	}
	names, err := w.Dict(root["Names"])
	if err != nil {
		return nil, damaged(where)
	}
	tree, err := w.Dict(names["EmbeddedFiles"])
	if err != nil {
		return nil, damaged(where)
	}
	if tree == nil {
		return nil, noSources{notCls(where)}
	}
	if err := w.node(tree, 0); err != nil {
		return nil, err
	}
	return w.files, nil
}

// Parse reads pdf's objects with pdfcpu under this package's bounds
// (size, object count, decoded bytes, time), for other readers of
// untrusted PDFs (cls verifier). Errors are French and start with where
// (the PDF's name, or nothing); a panic in pdfcpu becomes the "damaged"
// error. Walking the objects afterwards may still panic: callers recover.
func Parse(where string, pdf []byte) (ctx *pmodel.Context, err error) {
	defer func() {
		if r := recover(); r != nil {
			ctx, err = nil, damaged(where)
		}
	}()
	if len(pdf) > MaxPDFSize {
		return nil, tooLargePDF(where)
	}
	if err := tooComplex(where, pdf); err != nil {
		return nil, err
	}
	return parse(where, pdf)
}

// parse is Parse without its checks; its caller recovers.
func parse(where string, pdf []byte) (*pmodel.Context, error) {
	c, cancel := context.WithTimeout(context.Background(), maxReadTime)
	defer cancel()
	ctx, err := pdfcpu.ReadWithContext(c, bytes.NewReader(pdf), config())
	if c.Err() != nil {
		return nil, fmt.Errorf("%sPDF trop long à lire (plus de %d s) ; attendu un contrat PDF produit par cls", prefix(where), int(maxReadTime.Seconds()))
	}
	if err != nil {
		if errors.Is(err, pdfcpu.ErrWrongPassword) || errors.Is(err, pdfcpu.ErrEncrypted) || errors.Is(err, pdfcpu.ErrPermissionDenied) {
			return nil, fmt.Errorf("%sPDF chiffré ou protégé par un mot de passe ; attendu le contrat PDF tel que cls l'a produit", prefix(where))
		}
		return nil, damaged(where)
	}
	return ctx, nil
}

// walker walks the EmbeddedFiles name tree, counting what it opens.
type walker struct {
	Resolver
	where string
	seen  map[int]bool // objects visited, against cycles
	files []stored
}

// visit records an indirect object; false when it was already visited
// (a cycle, or a file listed twice).
func (w *walker) visit(o types.Object) bool {
	r, ok := o.(types.IndirectRef)
	if !ok {
		return true
	}
	n := r.ObjectNumber.Value()
	if w.seen[n] {
		return false
	}
	w.seen[n] = true
	return true
}

// node reads one node of the name tree: its Names pairs, then its Kids.
func (w *walker) node(d types.Dict, depth int) error {
	if depth > maxTreeDepth {
		return fmt.Errorf("%sPDF trop complexe (arbre des fichiers joints de plus de %d niveaux) ; attendu un contrat PDF produit par cls", prefix(w.where), maxTreeDepth)
	}
	pairs, err := w.Array(d["Names"])
	if err != nil {
		return w.broken(err)
	}
	for i := 0; i+1 < len(pairs); i += 2 {
		if err := w.fileSpec(pairs[i+1]); err != nil {
			return err
		}
	}
	kids, err := w.Array(d["Kids"])
	if err != nil {
		return w.broken(err)
	}
	for _, k := range kids {
		if !w.visit(k) {
			return damaged(w.where)
		}
		kid, err := w.Dict(k)
		if err != nil {
			return w.broken(err)
		}
		if kid == nil {
			continue
		}
		if err := w.node(kid, depth+1); err != nil {
			return err
		}
	}
	return nil
}

// broken turns a structural error (or a missing object, when err is
// nil) into the "damaged" message, keeping the French errors the walk
// wrote itself.
func (w *walker) broken(err error) error {
	if err == nil || errors.Is(err, ErrBroken) {
		return damaged(w.where)
	}
	return err
}

// fileSpec reads one attachment: its name and its stored bytes.
func (w *walker) fileSpec(o types.Object) error {
	if len(w.files) >= MaxFiles {
		return fmt.Errorf("%strop de fichiers joints (plus de %d) ; attendu un contrat PDF produit par cls", prefix(w.where), MaxFiles)
	}
	if !w.visit(o) {
		return fmt.Errorf("%sun même fichier joint est listé deux fois ; attendu chaque fichier une seule fois", prefix(w.where))
	}
	spec, err := w.Dict(o)
	if err != nil || spec == nil {
		return w.broken(err)
	}
	name, err := w.fileName(spec)
	if err != nil {
		return err
	}
	ef, err := w.Dict(spec["EF"])
	if err != nil || ef == nil {
		return w.broken(err)
	}
	ref, ok := ef["F"].(types.IndirectRef)
	if !ok || !w.visit(ref) {
		return damaged(w.where)
	}
	sd, _, err := w.X.DereferenceStreamDict(ref)
	if err != nil || sd == nil {
		return damaged(w.where)
	}
	f, err := storedFrom(w.where, name, sd)
	if err != nil {
		return err
	}
	w.files = append(w.files, f)
	return nil
}

// fileName is the attachment's name: UF, or F for older writers.
func (w *walker) fileName(spec types.Dict) (string, error) {
	for _, key := range []string{"UF", "F"} {
		o, ok := spec[key]
		if !ok {
			continue
		}
		o, err := w.Deref(o)
		if err != nil {
			return "", w.broken(err)
		}
		var s string
		switch v := o.(type) {
		case types.StringLiteral:
			s, err = types.StringLiteralToString(v)
		case types.HexLiteral:
			s, err = types.HexLiteralToString(v)
		default:
			continue
		}
		if err != nil {
			return "", damaged(w.where)
		}
		if s != "" {
			return s, nil
		}
	}
	return "", fmt.Errorf("%sfichier joint sans nom ; attendu les fichiers nommés que cls joint", prefix(w.where))
}
