// Package evalsheet writes the blank workbook of a year's evaluation: one
// row per fiche with its état d'avancement (a drop-down list), one row per
// criterion or indicator of the fiches with a column for the year's value.
// The coordinator only fills values in; the build reads them back.
package evalsheet

import (
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/xuri/excelize/v2"

	"github.com/contrat-local-sante/cls/internal/model"
)

// Sheet names and column headers, shared with the reader.
const (
	SheetInfo       = "Annexe"
	SheetFiches     = "Fiches"
	SheetIndicators = "Indicateurs"
)

// Column headers of the sheets.
var (
	FicheCols     = []string{"Code", "Intitulé", "Porteur", "État d'avancement", "Commentaire"}
	IndicatorCols = []string{"Fiche", "Évaluation", "Type", "Critère ou indicateur", "Valeur", "Cible", "Commentaire"}
)

// Write writes the blank workbook for year to w. The caller puts it in
// place: through a temporary file, so that a failed write leaves nothing.
func Write(c *model.Contract, year int, w io.Writer) error {
	f := excelize.NewFile()
	defer f.Close()
	head, err := f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true}, Fill: excelize.Fill{Type: "pattern", Color: []string{"D6E1EE"}, Pattern: 1},
		Alignment: &excelize.Alignment{WrapText: true, Vertical: "top"}})
	if err != nil {
		return err
	}
	wrap, _ := f.NewStyle(&excelize.Style{Alignment: &excelize.Alignment{WrapText: true, Vertical: "top"}})
	input, _ := f.NewStyle(&excelize.Style{Fill: excelize.Fill{Type: "pattern", Color: []string{"FFF6D5"}, Pattern: 1},
		Alignment: &excelize.Alignment{WrapText: true, Vertical: "top"}})

	// Annexe: what this workbook is
	if err := f.SetSheetName("Sheet1", SheetInfo); err != nil {
		return err
	}
	info := [][]string{
		{"Paramètre", "Valeur"},
		{"Année", strconv.Itoa(year)},
		{"Exemple", "non"},
		{"Titre", ""},
	}
	for r, row := range info {
		for col, v := range row {
			cell, _ := excelize.CoordinatesToCellName(col+1, r+1)
			if err := f.SetCellStr(SheetInfo, cell, v); err != nil {
				return err
			}
		}
	}
	f.SetCellStyle(SheetInfo, "A1", "B1", head)
	f.SetColWidth(SheetInfo, "A", "A", 14)
	f.SetColWidth(SheetInfo, "B", "B", 60)
	f.SetCellStr(SheetInfo, "D2", "« Exemple » : oui pour des valeurs fictives (l'annexe portera la mention Exemple). « Titre » : facultatif, remplace le titre de l'annexe.")

	// Fiches: one row each, the état chosen from a list
	if _, err := f.NewSheet(SheetFiches); err != nil {
		return err
	}
	setRow(f, SheetFiches, 1, FicheCols)
	for i, fi := range c.Fiches {
		setRow(f, SheetFiches, i+2, []string{fi.Code, fi.Title, fi.Owner, "", ""})
	}
	last := len(c.Fiches) + 1
	f.SetCellStyle(SheetFiches, "A1", "E1", head)
	if last > 1 {
		f.SetCellStyle(SheetFiches, "A2", fmt.Sprintf("C%d", last), wrap)
		f.SetCellStyle(SheetFiches, "D2", fmt.Sprintf("E%d", last), input)
		dv := excelize.NewDataValidation(true)
		dv.SetSqref(fmt.Sprintf("D2:D%d", last))
		if err := dv.SetDropList(model.States); err != nil {
			return err
		}
		dv.SetError(excelize.DataValidationErrorStyleStop, "État d'avancement", "Choisir dans la liste : "+strings.Join(model.States, ", ")+".")
		if err := f.AddDataValidation(SheetFiches, dv); err != nil {
			return err
		}
	}
	for col, w := range map[string]float64{"A": 9, "B": 45, "C": 35, "D": 18, "E": 50} {
		f.SetColWidth(SheetFiches, col, col, w)
	}
	f.SetPanes(SheetFiches, &excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft"})

	// Indicateurs: one row per criterion or indicator
	if _, err := f.NewSheet(SheetIndicators); err != nil {
		return err
	}
	setRow(f, SheetIndicators, 1, IndicatorCols)
	r := 2
	for _, fi := range c.Fiches {
		for _, ind := range fi.Evaluation {
			setRow(f, SheetIndicators, r, []string{fi.Code, ind.Kind, ind.Type, ind.Text, "", "", ""})
			r++
		}
	}
	f.SetCellStyle(SheetIndicators, "A1", "G1", head)
	if r > 2 {
		f.SetCellStyle(SheetIndicators, "A2", fmt.Sprintf("D%d", r-1), wrap)
		f.SetCellStyle(SheetIndicators, "E2", fmt.Sprintf("G%d", r-1), input)
		dv := excelize.NewDataValidation(true)
		dv.SetSqref(fmt.Sprintf("E2:F%d", r-1))
		if err := dv.SetRange(-1e12, 1e12, excelize.DataValidationTypeDecimal, excelize.DataValidationOperatorBetween); err != nil {
			return err
		}
		dv.SetError(excelize.DataValidationErrorStyleStop, "Valeur", "Attendu un nombre ; une observation qualitative va dans la colonne Commentaire.")
		if err := f.AddDataValidation(SheetIndicators, dv); err != nil {
			return err
		}
	}
	for col, w := range map[string]float64{"A": 8, "B": 12, "C": 11, "D": 55, "E": 12, "F": 12, "G": 45} {
		f.SetColWidth(SheetIndicators, col, col, w)
	}
	f.SetPanes(SheetIndicators, &excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft"})
	f.SetActiveSheet(1)
	return f.Write(w)
}

func setRow(f *excelize.File, sheet string, row int, values []string) {
	for col, v := range values {
		cell, _ := excelize.CoordinatesToCellName(col+1, row)
		f.SetCellStr(sheet, cell, v)
	}
}
