"""The counter service: reports page views and answers the counts the pages' counters.js shows
(README, "Visitor counters")."""
