package source

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"fmt"
	"io"
	"path"
	"sort"
	"strings"

	"github.com/contrat-local-sante/cls/internal/diag"
)

// checkParts checks that every XML part of the open workbook is
// well-formed, reporting the first damaged one by the sheet it holds (or
// its role in the file), so that a damaged workbook is refused rather than
// read short.
func (w *workbook) checkParts(probs *diag.List) bool {
	var names []string
	w.f.Pkg.Range(func(k, _ any) bool {
		if n, ok := k.(string); ok && isXMLPart(n) {
			names = append(names, n)
		}
		return true
	})
	sort.Strings(names)
	for _, n := range names {
		v, _ := w.f.Pkg.Load(n)
		b, _ := v.([]byte)
		if err := checkXML(b, w.f.CharsetReader); err != nil {
			if sheet := w.sheetOfPart(n); sheet != "" {
				probs.Errorf(w.name, sheet, "", "%s", damaged("le contenu de la feuille ("+n+")", err))
			} else {
				probs.Errorf(w.name, "", "", "%s", damaged(partLabel(n), err))
			}
			return false
		}
	}
	return true
}

func isXMLPart(name string) bool {
	n := strings.ToLower(name)
	return strings.HasSuffix(n, ".xml") || strings.HasSuffix(n, ".rels")
}

// damaged words the message for a part that is not well-formed XML.
func damaged(what string, err *xmlError) string {
	where := ""
	if err.Line > 0 {
		where = fmt.Sprintf(" à la ligne %d du XML", err.Line)
	}
	if err.Row > 0 {
		where += fmt.Sprintf(", vers la ligne %d du tableau", err.Row)
	}
	return fmt.Sprintf("classeur endommagé : %s n'est pas du XML valide (erreur de syntaxe%s) ; attendu un classeur enregistré par Excel ou LibreOffice : rouvrir le fichier et l'enregistrer de nouveau, ou le restaurer depuis une sauvegarde", what, where)
}

// partLabel names a part of an .xlsx file for the coordinator.
func partLabel(name string) string {
	switch strings.ToLower(name) {
	case "xl/sharedstrings.xml":
		return "la table des textes des cellules (" + name + ")"
	case "xl/workbook.xml":
		return "la liste des feuilles (" + name + ")"
	case "xl/styles.xml":
		return "la table des formats (" + name + ")"
	}
	if strings.HasPrefix(strings.ToLower(name), "xl/worksheets/") {
		return "le contenu d'une feuille (" + name + ")"
	}
	return "la partie " + name
}

// sheetOfPart returns the name of the sheet stored in part, "" when none
// or when the workbook's own index cannot tell.
func (w *workbook) sheetOfPart(part string) string {
	load := func(n string) []byte {
		v, _ := w.f.Pkg.Load(n)
		b, _ := v.([]byte)
		return b
	}
	var book struct {
		Sheets []struct {
			Name string `xml:"name,attr"`
			ID   string `xml:"http://schemas.openxmlformats.org/officeDocument/2006/relationships id,attr"`
		} `xml:"sheets>sheet"`
	}
	var rels struct {
		Rels []struct {
			ID     string `xml:"Id,attr"`
			Target string `xml:"Target,attr"`
		} `xml:"Relationship"`
	}
	if xml.Unmarshal(load("xl/workbook.xml"), &book) != nil || xml.Unmarshal(load("xl/_rels/workbook.xml.rels"), &rels) != nil {
		return ""
	}
	for _, s := range book.Sheets {
		for _, r := range rels.Rels {
			if r.ID != s.ID {
				continue
			}
			p := path.Join("xl", r.Target)
			if strings.HasPrefix(r.Target, "/") {
				p = strings.TrimPrefix(path.Clean(r.Target), "/")
			}
			if strings.EqualFold(p, part) {
				return s.Name
			}
		}
	}
	return ""
}

// firstBadPart finds, in a workbook excelize could not open, the first XML
// part that is not well-formed, reading at most unzipLimit bytes in all.
func firstBadPart(file string) (string, *xmlError) {
	z, err := zip.OpenReader(file)
	if err != nil {
		return "", nil
	}
	defer z.Close()
	files := append([]*zip.File(nil), z.File...)
	sort.Slice(files, func(i, j int) bool { return files[i].Name < files[j].Name })
	budget := int64(unzipLimit)
	for _, f := range files {
		if !isXMLPart(f.Name) {
			continue
		}
		r, err := f.Open()
		if err != nil {
			continue
		}
		b, err := io.ReadAll(io.LimitReader(r, budget))
		r.Close()
		if err != nil {
			continue
		}
		budget -= int64(len(b))
		if budget <= 0 {
			return "", nil
		}
		if bytes.HasPrefix(b, []byte("<?xml")) && !utf8Declaration(b[:max(bytes.Index(b, []byte("?>")), 0)]) {
			continue // another encoding: excelize decodes it, this check cannot
		}
		if xerr := checkXML(b, nil); xerr != nil {
			return f.Name, xerr
		}
	}
	return "", nil
}
