// Package compose turns the contract model into a document tree: it runs
// the prose templates over the data, converts their Markdown, expands the
// directives (figures, dispositifs, signature page, sigles, synthèse,
// fiches) and builds the cover and the sommaire. It decides what the
// document says, never where it lands on a page.
package compose

import (
	"fmt"
	"maps"
	"runtime"
	"slices"
	"strings"
	"sync"
	"text/template"
	"unicode"

	"golang.org/x/text/unicode/norm"

	"github.com/contrat-local-sante/cls/internal/chart"
	"github.com/contrat-local-sante/cls/internal/diag"
	"github.com/contrat-local-sante/cls/internal/doc"
	"github.com/contrat-local-sante/cls/internal/imagefile"
	"github.com/contrat-local-sante/cls/internal/model"
	"github.com/contrat-local-sante/cls/internal/safefile"
)

// Measurer measures text, for diagrams that fit labels into boxes.
type Measurer interface {
	Width(s string, style doc.Style, size float64) float64
}

// composer carries the state of one composition.
type composer struct {
	c     *model.Contract
	m     Measurer
	fonts chart.Fonts
	funcs template.FuncMap
	data  templateData
	// setData, when set, is what the templates see instead of data: a
	// template set's own data, which embeds the contract's (the avenant's)
	setData any
	probs   diag.List
	slugs   map[string]int
	figures int
	out     []doc.Block
	charts  map[string]chartResult // drawn ahead, concurrently
	anchors map[string]string      // anchors given ahead of their heading
	// directives are those of the template set being composed (the
	// avenant's), on top of the contract's
	directives map[string]func(directive, model.Template) []doc.Block
}

// anchorFor returns the anchor of a heading that is linked to before it is
// written (a dispositif from the overview diagram), the same both times.
func (k *composer) anchorFor(key, title string) string {
	if a, ok := k.anchors[key]; ok {
		return a
	}
	if k.anchors == nil {
		k.anchors = map[string]string{}
	}
	a := k.slug(title)
	k.anchors[key] = a
	return a
}

// chartResult is a chart drawn ahead of composition.
type chartResult struct {
	fig doc.Figure
	err error
}

// Compose builds the document. Charts are set in the given fonts.
func Compose(c *model.Contract, m Measurer, fonts chart.Fonts) (*doc.Document, diag.List) {
	k := newComposer(c, m, fonts)
	d := k.contract()
	expandSigles(c, d.Blocks)
	return d, k.probs
}

// ComposeWithEvaluation builds the contract followed by the evaluation
// annex of the last of evals, figures and anchors numbered on from the
// contract's.
func ComposeWithEvaluation(c *model.Contract, evals []model.Evaluation, m Measurer, fonts chart.Fonts) (*doc.Document, diag.List) {
	k := newComposer(c, m, fonts)
	d := k.contract()
	d.Blocks = append(d.Blocks, k.evaluationAnnex(evals)...)
	expandSigles(c, d.Blocks)
	return d, k.probs
}

func (k *composer) contract() *doc.Document {
	d := &doc.Document{Meta: k.meta()}
	k.out = append(k.out, k.cover(), doc.Sommaire{Title: k.word("sommaire.titre")})
	for _, t := range k.c.Templates {
		k.section(t)
	}
	d.Blocks = k.out
	return d
}

func newComposer(c *model.Contract, m Measurer, fonts chart.Fonts) *composer {
	k := &composer{c: c, m: m, fonts: fonts, data: newTemplateData(c), slugs: map[string]int{}, funcs: template.FuncMap{}}
	for name, f := range baseFuncs {
		k.funcs[name] = f
	}
	for name, f := range statFuncs(c) {
		k.funcs[name] = f
	}
	refs, probs := refFuncs(c)
	k.probs = append(k.probs, probs...)
	for _, fm := range []template.FuncMap{refs, counterFuncs()} {
		for name, f := range fm {
			k.funcs[name] = f
		}
	}
	k.drawCharts()
	return k
}

// drawCharts draws every chart of the workbooks at once, on as many cores
// as there are: they are independent, and each drawing depends only on its
// data, so the document is the same whatever the order they finish in.
func (k *composer) drawCharts() {
	k.charts = map[string]chartResult{}
	results := make([]chartResult, len(k.c.Charts))
	var wg sync.WaitGroup
	sem := make(chan struct{}, runtime.NumCPU())
	for i, spec := range k.c.Charts {
		if spec.Data == nil {
			continue
		}
		wg.Add(1)
		go func() {
			defer wg.Done()
			sem <- struct{}{}
			defer func() { <-sem }()
			// a panic here would bypass the command's own recover and end
			// the process: it becomes this chart's error instead
			defer func() {
				if r := recover(); r != nil {
					results[i] = chartResult{err: fmt.Errorf("graphique « %s » : erreur interne en le dessinant (%s) ; merci de signaler ce problème avec %s", spec.ID, safefile.Recovered(r), k.c.Files.Diagnostic)}
				}
			}()
			f, err := chart.Figure(spec, k.theme().ChartWidth(), k.m, k.fonts, k.theme())
			results[i] = chartResult{f, err}
		}()
	}
	wg.Wait()
	for i, spec := range k.c.Charts {
		if spec.Data != nil {
			k.charts[spec.ID] = results[i]
		}
	}
}

func (k *composer) meta() doc.Meta {
	c := k.c
	title := strings.TrimSpace(c.Document.Title + " " + c.Document.Period)
	header := c.Document.ShortTitle
	if header == "" {
		header = title + " – " + c.Territory.Name
	}
	author := c.Document.Author
	if author == "" {
		author = c.Territory.Name
	}
	subject := c.Document.Subject
	if subject == "" {
		subject = title + " – " + c.Territory.Name
	}
	return doc.Meta{
		Title: title + " – " + c.Territory.Name, Author: author, Subject: subject,
		Keywords: c.Document.Keywords, Creator: "cls", Lang: "fr-FR",
		CreationDate: c.Document.Date, HeaderText: header,
		FooterText: c.Version(), PageNumber: c.Labels.Get("pied_de_page.page"),
	}
}

func (k *composer) cover() doc.Cover {
	c := k.c
	cv := doc.Cover{Kicker: c.Document.Kicker, Title: c.Document.Title, Subtitle: c.Document.Period, Lines: []string{c.Territory.Name},
		Between: c.Labels.Get("couverture.entre"), And: c.Labels.Get("couverture.et")}
	if c.Document.Logo != "" {
		if w, h, err := imageSize(c.Document.Logo); err != nil {
			k.probs.Errorf("cls.yaml", "", "", "document.logo : %v ; attendu une image PNG ou JPEG", err)
		} else {
			// at most 70 × 30 mm, proportions kept
			scale := min(70/w, 30/h)
			cv.Logo, cv.LogoW, cv.LogoH = c.Document.Logo, w*scale, h*scale
		}
	}
	for _, s := range c.Signatories {
		cv.Parties = append(cv.Parties, partyName(s))
	}
	if c.Signature.Place != "" && c.Signature.Date != "" {
		cv.Footer = append(cv.Footer, c.Labels.Format("couverture.signature", "lieu", c.Signature.Place, "date", c.Signature.Date))
	}
	if len(c.Avenants) > 0 {
		cv.Footer = append(cv.Footer, c.Version())
	}
	return cv
}

// section runs one top-level template and appends its blocks.
func (k *composer) section(t model.Template) {
	k.out = append(k.out, k.template(t, 0)...)
}

// template runs a template and converts it; shift lowers its headings by
// that many levels (a dispositif's text sits under its own heading).
func (k *composer) template(t model.Template, shift int) []doc.Block {
	var data any = k.data
	if k.setData != nil {
		data = k.setData
	}
	src, ok := execute(t, data, k.funcs, &k.probs)
	if !ok {
		return nil
	}
	var out []doc.Block
	for _, b := range parseMarkdown([]byte(src)) {
		if b.directive != nil {
			out = append(out, k.expand(*b.directive, t)...)
			continue
		}
		if h, ok := b.block.(doc.Heading); ok {
			h.Level += shift
			out = append(out, k.heading(h))
			continue
		}
		out = append(out, b.block)
	}
	return out
}

// heading gives a heading its anchor and, for level 1, its sommaire entry.
func (k *composer) heading(h doc.Heading) doc.Heading {
	if h.Anchor == "" {
		h.Anchor = k.slug(doc.PlainText(h.Text))
	}
	if h.Level == 1 && h.TOCLevel == 0 {
		h.TOCLevel = 1
	}
	return h
}

// slug makes a unique anchor from a title.
func (k *composer) slug(s string) string {
	var b strings.Builder
	dash := false
	for _, r := range norm.NFD.String(strings.ToLower(s)) {
		switch {
		case unicode.Is(unicode.Mn, r):
		case r < 128 && (unicode.IsLetter(r) || unicode.IsDigit(r)):
			b.WriteRune(r)
			dash = false
		case !dash && b.Len() > 0:
			b.WriteByte('-')
			dash = true
		}
	}
	base := strings.Trim(b.String(), "-")
	if len(base) > 60 {
		base = strings.Trim(base[:60], "-")
	}
	if base == "" {
		base = "section"
	}
	k.slugs[base]++
	if n := k.slugs[base]; n > 1 {
		return fmt.Sprintf("%s-%d", base, n)
	}
	return base
}

// expand replaces a directive with the blocks it stands for.
func (k *composer) expand(d directive, t model.Template) []doc.Block {
	if f, ok := k.directives[d.Name]; ok {
		return f(d, t)
	}
	switch d.Name {
	case "saut-de-page":
		return []doc.Block{doc.PageBreak{}}
	case "figure":
		if len(d.Args) == 0 {
			break
		}
		return k.figure(d.Args[0], d, t)
	case "dispositifs":
		return k.dispositifs()
	case "signatures":
		return []doc.Block{k.signatures()}
	case "sigles":
		return k.sigles()
	case "synthese":
		return k.synthese()
	case "fiches":
		return k.fiches()
	case "graphique":
		return k.chart(d, t)
	case "table-des-figures":
		return []doc.Block{doc.FigureList{}}
	case "historique":
		return k.history()
	}
	k.probs = append(k.probs, problemAt(t, d.Line,
		fmt.Sprintf("directive « %s » inconnue ; attendu : %s", d.Text, strings.Join(append([]string{"saut-de-page", "figure gouvernance", "figure dispositifs", "graphique", "dispositifs", "signatures", "sigles", "synthese", "fiches", "historique", "table-des-figures"},
			slices.Sorted(maps.Keys(k.directives))...), ", ")), d.Text))
	return nil
}

// para makes a paragraph from plain data text, with French spacing.
func para(s string, st doc.Style) doc.Paragraph {
	return doc.Paragraph{Text: []doc.Inline{{Text: frenchSpaces(s), Style: st}}}
}

// problemAt locates an error on a template line. line counts in the
// template's output; when the output's line is found in the source, the
// source's line is given instead, since placeholders may have added lines.
func problemAt(t model.Template, line int, msg string, text string) diag.Problem {
	if text != "" {
		for i, l := range strings.Split(t.Text, "\n") {
			if strings.TrimSpace(l) == text {
				line = i + 1
				break
			}
		}
	}
	return diag.Problem{Severity: diag.Error, File: t.Path, Line: line, Message: msg}
}

// imageSize returns the pixel size of a PNG or JPEG file, read and
// checked whole (imagefile), so that check refuses what the writer would.
func imageSize(path string) (float64, float64, error) {
	img, err := imagefile.Read(path)
	if err != nil {
		return 0, 0, fmt.Errorf("« %s » : %v", path, err)
	}
	return float64(img.Width), float64(img.Height), nil
}
