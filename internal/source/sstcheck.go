package source

import (
	"bytes"
	"sort"
	"strconv"
	"strings"

	"github.com/contrat-local-sante/cls/internal/diag"
)

// checkSharedStrings checks that every cell holding text by reference
// (t="s": the number of a string of xl/sharedStrings.xml) names a string
// that exists. excelize reads a reference past the end as an empty cell:
// an optional cell would then vanish from the contract without a word.
func (w *workbook) checkSharedStrings(probs *diag.List) bool {
	count := -1
	var sheets []string
	w.f.Pkg.Range(func(k, v any) bool {
		n, _ := k.(string)
		switch {
		case strings.HasSuffix(strings.ToLower(n), "sharedstrings.xml"):
			b, _ := v.([]byte)
			count = countStrings(b)
		case strings.HasPrefix(strings.ToLower(n), "xl/worksheets/") && isXMLPart(n) && !strings.Contains(n, "_rels"):
			sheets = append(sheets, n)
		}
		return true
	})
	if count < 0 {
		count = 0
	}
	sort.Strings(sheets)
	for _, n := range sheets {
		v, _ := w.f.Pkg.Load(n)
		b, _ := v.([]byte)
		if cell, index, ok := badStringRef(b, count); !ok {
			sheet := w.sheetOfPart(n)
			probs.Errorf(w.name, sheet, cell, "classeur endommagé : la cellule renvoie au texte n° %d de la table des textes (xl/sharedStrings.xml), qui n'en compte que %d ; attendu un classeur enregistré par Excel ou LibreOffice : rouvrir le fichier et l'enregistrer de nouveau, ou le restaurer depuis une sauvegarde", index, count)
			return false
		}
	}
	return true
}

// countStrings counts the <si> items of a shared-strings part.
func countStrings(b []byte) int {
	return bytes.Count(b, []byte("<si>")) + bytes.Count(b, []byte("<si ")) + bytes.Count(b, []byte("<si/>"))
}

// badStringRef finds the first cell of a worksheet part whose shared
// string index is count or more (or not a number); ok is false then.
func badStringRef(b []byte, count int) (cell string, index int, ok bool) {
	for {
		i := bytes.Index(b, []byte("<c "))
		if i < 0 {
			return "", 0, true
		}
		b = b[i+3:]
		end := bytes.IndexByte(b, '>')
		if end < 0 {
			return "", 0, true
		}
		tag := b[:end]
		if attr(tag, "t") != "s" || bytes.HasSuffix(tag, []byte("/")) {
			continue
		}
		body := b[end+1:]
		if stop := bytes.Index(body, []byte("</c>")); stop >= 0 {
			body = body[:stop]
		}
		v0 := bytes.Index(body, []byte("<v>"))
		v1 := bytes.Index(body, []byte("</v>"))
		if v0 < 0 || v1 < v0 {
			continue
		}
		n, err := strconv.Atoi(strings.TrimSpace(string(body[v0+3 : v1])))
		if err != nil || n < 0 || n >= count {
			return attr(tag, "r"), n, false
		}
	}
}

// attr returns the value of attribute name in the inside of a start tag.
func attr(tag []byte, name string) string {
	for _, q := range []string{`"`, `'`} {
		key := []byte(" " + name + "=" + q)
		if i := bytes.Index(append([]byte(" "), tag...), key); i >= 0 {
			rest := tag[i+len(key)-1:]
			if j := strings.Index(string(rest), q); j >= 0 {
				return string(rest[:j])
			}
		}
	}
	return ""
}
