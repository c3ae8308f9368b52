package model

import "github.com/contrat-local-sante/cls/internal/frgram"

// Noun is the territory's name as grammar uses it in a sentence (« de la
// Communauté… », « de l'Intercom… »): from territoire.article and
// territoire.genre, or from the name itself when they are empty.
func (t Territory) Noun() frgram.Noun { return frgram.Decide(t.Name, t.Article, t.Gender) }

// Noun is the signatory's institution as grammar uses it in a sentence
// (« l'État, représenté par »): from the « Article » and « Genre »
// columns, or from the name itself when they are empty.
func (s Signatory) Noun() frgram.Noun { return frgram.Decide(s.Institution, s.Article, s.Gender) }
