package source

import (
	"strconv"
	"strings"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/contrat-local-sante/cls/internal/diag"
	"github.com/contrat-local-sante/cls/internal/model"
)

// avenantsSheet is the register of amendments, in the contrat workbook. It
// is optional: a contract without it has no avenant.
const avenantsSheet = "Avenants"

var avenantCols = []string{"Numéro", "Date de validation COPIL", "Date de signature", "Objet", "Fiches ajoutées", "Fiches modifiées", "Partenaires ajoutés", "Membres du COPIL ajoutés"}

// readAvenants reads the register and marks each fiche with the last
// avenant that added or changed it. fichesOK tells whether the fiches
// were read: if not, fiche codes cannot be checked.
func readAvenants(c *model.Contract, wb *workbook, fichesOK bool, probs *diag.List) {
	if wb == nil {
		return
	}
	name := wb.name
	if _, ok := wb.find(avenantsSheet); !ok {
		return
	}
	t := wb.sheet(avenantsSheet, avenantCols, probs)
	if t == nil {
		return
	}
	fiches := map[string]*model.Fiche{}
	for i := range c.Fiches {
		fiches[c.Fiches[i].Code] = &c.Fiches[i]
	}
	for i := range t.rows {
		a := model.Avenant{
			Number:        t.integer(i, "Numéro", probs),
			CopilDate:     t.date(i, "Date de validation COPIL", probs),
			SignatureDate: t.date(i, "Date de signature", probs),
			Object:        t.required(i, "Objet", probs),
			Partners:      t.get(i, "Partenaires ajoutés"),
			Members:       t.get(i, "Membres du COPIL ajoutés"),
		}
		if a.Number != i+1 {
			probs.Errorf(name, avenantsSheet, t.ref(i, "Numéro"), "avenant n° %d à la ligne %d ; attendu les avenants numérotés 1, 2, 3… dans l'ordre", a.Number, t.lines[i])
		}
		for _, col := range []struct {
			header string
			change string
			list   *[]string
		}{{"Fiches ajoutées", model.ChangeAdded, &a.Added}, {"Fiches modifiées", model.ChangeModified, &a.Modified}} {
			for _, code := range splitList(t.get(i, col.header)) {
				f, ok := fiches[code]
				if !ok && !fichesOK {
					continue
				}
				if !ok {
					probs.Errorf(name, avenantsSheet, t.ref(i, col.header), "fiche « %s » inconnue ; attendu un code de la feuille « Fiches » de %s", code, c.Files.Fiches)
					continue
				}
				*col.list = append(*col.list, code)
				f.Avenant, f.Change = a.Number, col.change
				if col.change == model.ChangeAdded {
					f.AddedBy = a.Number
				}
			}
		}
		c.Avenants = append(c.Avenants, a)
	}
}

// splitList splits "FA2.6, FA2.7" into codes.
func splitList(s string) []string {
	var out []string
	for _, p := range strings.FieldsFunc(s, func(r rune) bool { return r == ',' || r == ';' || r == '\n' }) {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}

// date reads a date cell: an Excel date, or text written 2026-03-12 or
// 12/03/2026. It returns it as YYYY-MM-DD.
func (t *table) date(i int, col string, probs *diag.List) string {
	v := t.get(i, col)
	if v == "" {
		probs.Errorf(t.wb.name, t.sheet, t.ref(i, col), "cellule vide ; attendu une date (%s)", col)
		return ""
	}
	// a date cell reads as French shows it (11/03/2026, or in words:
	// then its serial number below); typed text, day first
	for _, layout := range []string{"2006-01-02", "02/01/2006", "2/1/2006"} {
		if d, err := time.Parse(layout, v); err == nil {
			return d.Format("2006-01-02")
		}
	}
	// a date cell: its raw value is a serial number
	if raw, err := t.wb.f.GetCellValue(t.stored, t.ref(i, col), excelize.Options{RawCellValue: true}); err == nil {
		if n, err := strconv.ParseFloat(raw, 64); err == nil {
			if d, err := excelize.ExcelDateToTime(n, false); err == nil {
				return d.Format("2006-01-02")
			}
		}
	}
	probs.Errorf(t.wb.name, t.sheet, t.ref(i, col), "« %s » n'est pas une date ; attendu une date, par exemple 12/03/2026 (%s)", v, col)
	return ""
}
