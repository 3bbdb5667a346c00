"""Claims: the values of a fact as each source states them, compared and listed (docs/model.md).

``comparing`` says how two values of one fact relate (the same, one refines the other,
compatible, or in conflict); ``facts`` reads every value of every fact that has claims,
through the named query ``fact-values``, and groups them into facts whose sources disagree.
"""

from cyberkg.claims.comparing import Relation, Value, relate
from cyberkg.claims.facts import FactValues, disagreeing_facts, fact_values

__all__ = ["FactValues", "Relation", "Value", "disagreeing_facts", "fact_values", "relate"]
