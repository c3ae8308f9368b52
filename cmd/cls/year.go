package main

import (
	"fmt"
	"strconv"

	"github.com/contrat-local-sante/cls/internal/textnorm"
)

// Years an evaluation may be about: a contract of this century. A year
// outside names a file (sources/evaluation/99999999999.xlsx) and a title
// that no one meant.
const firstYear, lastYear = 2000, 2100

// parseYear reads the year of an evaluation command.
func parseYear(s string) (int, error) {
	y, err := strconv.Atoi(s)
	if err != nil || y < firstYear || y > lastYear {
		return 0, fmt.Errorf("« %s » n'est pas une année ; attendu une année entre %d et %d, par exemple 2026", textnorm.Escape(s), firstYear, lastYear)
	}
	return y, nil
}
